using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Integration.Tests;

/// <summary>Snippets calling real third-party MCP servers through the real host, over every transport.</summary>
public sealed class LiveServerTests
{
    private static JsonObject Stdio(string script, string cwd, params string[] args) => new()
    {
        ["command"] = "node",
        ["args"] = new JsonArray([JsonValue.Create(script), .. args.Select(arg => (JsonNode)JsonValue.Create(arg))]),
        ["cwd"] = cwd,
        ["timeoutMs"] = 20_000,
    };

    [NodeFact]
    public async Task Echo_OverStdio_AnswersLiveFromTheSnippet()
    {
        using var directory = new TempDirectory();
        using var app = new LiveAppFactory(new JsonObject { ["everything"] = Stdio(McpServersInstall.Everything, directory.Path, "stdio") });
        using var client = app.CreateClient();

        var result = await client.RunAsync("return everything.echo({ message: 'hello live' });");

        Assert.Equal("succeeded", result.Status());
        Assert.Contains("hello live", result.GetProperty("value").ToString());
        Assert.Equal("live", result.Source());
    }

    [NodeFact]
    public async Task GetSum_OverStreamableHttp_AnswersLive()
    {
        using var server = await NodeServerProcess.StartAsync(McpServersInstall.Everything, "streamableHttp", FreePort.Next());
        using var app = new LiveAppFactory(new JsonObject
        {
            ["everything"] = new JsonObject { ["type"] = "http", ["url"] = $"http://127.0.0.1:{server.Port}/mcp", ["timeoutMs"] = 20_000 },
        });
        using var client = app.CreateClient();

        var result = await client.RunAsync("return everything.get_sum({ a: 2, b: 40 });");

        Assert.Equal("succeeded", result.Status());
        Assert.Contains("42", result.GetProperty("value").ToString());
        Assert.Equal("live", result.Source());
    }

    [NodeFact]
    public async Task Echo_OverSse_AnswersLive()
    {
        using var server = await NodeServerProcess.StartAsync(McpServersInstall.Everything, "sse", FreePort.Next());
        using var app = new LiveAppFactory(new JsonObject
        {
            ["everything"] = new JsonObject { ["type"] = "sse", ["url"] = $"http://127.0.0.1:{server.Port}/sse", ["timeoutMs"] = 20_000 },
        });
        using var client = app.CreateClient();

        var result = await client.RunAsync("return everything.echo({ message: 'over sse' });");

        Assert.Equal("succeeded", result.Status());
        Assert.Contains("over sse", result.GetProperty("value").ToString());
        Assert.Equal("live", result.Source());
    }

    [NodeFact]
    public async Task Memory_CreateThenRead_KeepsTheEntity()
    {
        using var directory = new TempDirectory();
        var memory = Stdio(McpServersInstall.Memory, directory.Path);
        memory["env"] = new JsonObject { ["MEMORY_FILE_PATH"] = Path.Combine(directory.Path, "memory.jsonl") };
        using var app = new LiveAppFactory(new JsonObject { ["memory"] = memory });
        using var client = app.CreateClient();

        var result = await client.RunAsync("""
            memory.create_entities({ entities: [{ name: 'CodeMode', entityType: 'project', observations: ['runs snippets'] }] });
            return memory.read_graph({});
            """);

        Assert.Equal("succeeded", result.Status());
        Assert.Contains("runs snippets", result.GetProperty("value").ToString());
        Assert.Equal("live", result.Source(1));
    }

    [NodeFact]
    public async Task FileSystem_ReadsAFileInItsAllowedDirectory()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("note.txt", "written by the test");
        using var app = new LiveAppFactory(new JsonObject { ["files"] = Stdio(McpServersInstall.FileSystem, directory.Path, directory.Path) });
        using var client = app.CreateClient();

        var result = await client.RunAsync($"return files.read_text_file({{ path: {JsonSerializer.Serialize(file)} }});");

        Assert.Equal("succeeded", result.Status());
        Assert.Contains("written by the test", result.GetProperty("value").ToString());
    }

    [NodeFact]
    public async Task KilledStdioServer_IsRestartedAndCallsGoLiveAgain()
    {
        using var directory = new TempDirectory();
        using var app = new LiveAppFactory(new JsonObject { ["everything"] = Stdio(McpServersInstall.Everything, directory.Path, "stdio") });
        using var client = app.CreateClient();
        Assert.Equal("live", (await client.RunAsync("return everything.echo({ message: 'before' });")).Source());

        ServerProcesses.KillAllIn(directory.Path);

        // The call right after the crash either retries onto the restarted server or fails with a clear, catchable
        // error (there is no mock for this server); it never hangs and never fakes success.
        var during = await client.RunAsync("try { return everything.echo({ message: 'during' }); } catch (e) { return 'error: ' + e.message; }");
        Assert.Equal("succeeded", during.Status());
        var value = during.GetProperty("value").ToString();
        Assert.True(
            value.Contains("Echo: during", StringComparison.Ordinal) || (value.StartsWith("error: ", StringComparison.Ordinal) && value.Contains("everything", StringComparison.Ordinal)),
            value);

        JsonElement after = default;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            after = await client.RunAsync("return everything.echo({ message: 'after' });");
            if (after.Status() == "succeeded")
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal("succeeded", after.Status());
        Assert.Equal("live", after.Source());
    }

    [NodeFact]
    public async Task HangingHttpServer_TimesOutAndTheMockAnswers()
    {
        using var hanging = new HangingServer();
        using var app = new LiveAppFactory(new JsonObject
        {
            ["automem"] = new JsonObject { ["type"] = "http", ["url"] = $"http://127.0.0.1:{hanging.Port}/mcp", ["mock"] = "automem", ["timeoutMs"] = 4000 },
        });
        using var client = app.CreateClient();

        var result = await client.RunAsync("return automem.recall_memory({ query: 'anything' });");

        Assert.Equal("succeeded", result.Status());
        Assert.Equal("mock", result.Source());

        using var servers = await client.GetAsync("/v1/servers");
        var status = (await servers.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("servers")[0];
        Assert.Equal("mock", status.GetProperty("state").GetString());
        Assert.Contains("did not", status.GetProperty("lastError").GetString());
    }

    [NodeFact]
    public async Task ToolThatNeverAnswers_OverHttp_TimesOutAfterRetriesWithACatchableError()
    {
        using var server = await NodeServerProcess.StartAsync(McpServersInstall.Everything, "streamableHttp", FreePort.Next());
        using var app = new LiveAppFactory(new JsonObject
        {
            ["everything"] = new JsonObject { ["type"] = "http", ["url"] = $"http://127.0.0.1:{server.Port}/mcp", ["timeoutMs"] = 4000 },
        });
        using var client = app.CreateClient();

        // 60 s of work against a 4 s budget: each attempt gets a quarter of it; the tool is read-only, so it is retried.
        var result = await client.RunAsync("""
            try { everything.trigger_long_running_operation({ duration: 60, steps: 1 }); return 'answered'; }
            catch (e) { return 'error: ' + e.message; }
            """);

        Assert.Equal("succeeded", result.Status());
        Assert.StartsWith("error: ", result.GetProperty("value").GetString());
        Assert.Equal("failed", result.Call().GetProperty("status").GetString());
        Assert.Equal(2, result.Call().GetProperty("retries").GetInt32());
    }

    [NodeFact]
    public async Task Servers_ShowsAConnectedServerWithItsTools()
    {
        using var directory = new TempDirectory();
        using var app = new LiveAppFactory(new JsonObject { ["everything"] = Stdio(McpServersInstall.Everything, directory.Path, "stdio") });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/v1/servers");
        var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("servers")[0];

        Assert.Equal("everything", status.GetProperty("name").GetString());
        Assert.Equal("connected", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("toolCount").GetInt32() > 5);
        Assert.Equal("closed", status.GetProperty("circuit").GetString());
    }
}
