using System.Net.Http.Json;
using System.Text.Json;
using CodeMode.Server;
using CodeMode.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CodeMode.Runtimes.CSharp.Tests;

/// <summary>The real host path: HTTP, RuntimeManager, a real csharp worker process, the offline mocks.</summary>
public sealed class EndToEndTests(EndToEndTests.OfflineHost host) : IClassFixture<EndToEndTests.OfflineHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Automem_StoreThenRecall_ThroughTypedProxies()
    {
        var body = await ExecuteAsync("""
            var stored = await automem.store_memory(content: "The sandbox uses Roslyn", tags: new[] { "csharp" }, importance: 0.8);
            var recalled = await automem.recall_memory(query: "Roslyn sandbox", limit: 3);
            Console.WriteLine($"stored {stored.memory_id}");
            return new { stored.memory_id, found = recalled.results?.Length ?? 0 };
            """);

        Assert.True(body.GetProperty("status").GetString() == "succeeded", body.ToString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("value").GetProperty("memory_id").GetString()));
        Assert.True(body.GetProperty("value").GetProperty("found").GetInt32() >= 1, body.ToString());
        Assert.Equal(2, body.GetProperty("toolCalls").GetArrayLength());
        Assert.StartsWith("stored ", body.GetProperty("logs")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Serena_FindsSymbolsOfTheSampleProject()
    {
        var body = await ExecuteAsync("""
            var files = await serena.list_dir(relative_path: ".", recursive: true);
            return files;
            """);

        Assert.True(body.GetProperty("status").GetString() == "succeeded", body.ToString());
        Assert.Equal("serena", body.GetProperty("toolCalls")[0].GetProperty("server").GetString());
        Assert.Equal("mock", body.GetProperty("toolCalls")[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task HelpScout_SearchesConversationsWithLinq()
    {
        var body = await ExecuteAsync("""
            var inboxes = await helpscout.listAllInboxes(limit: 5);
            var names = inboxes.ToJsonString();
            return new { names.Length };
            """);

        Assert.True(body.GetProperty("status").GetString() == "succeeded", body.ToString());
        Assert.Equal("listAllInboxes", body.GetProperty("toolCalls")[0].GetProperty("tool").GetString());
    }

    [Fact]
    public async Task ToolError_FromTheMock_IsCatchable()
    {
        var body = await ExecuteAsync("""
            try { await automem.update_memory(memory_id: "does-not-exist", content: "x"); return "no error"; }
            catch (ToolException e) { return e.Tool; }
            """);

        Assert.True(body.GetProperty("status").GetString() == "succeeded", body.ToString());
        Assert.Equal("automem.update_memory", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Example_AutomemDecisions_RunsUnchanged()
    {
        var body = await ExecuteAsync(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "automem-decisions.csx")));

        Assert.True(body.GetProperty("status").GetString() == "succeeded", body.ToString());
        var value = body.GetProperty("value");
        Assert.All(value.GetProperty("stored").EnumerateArray(), id => Assert.True(Guid.TryParse(id.GetString(), out _)));
        Assert.True(value.GetProperty("recalledCount").GetInt32() >= 1);
        Assert.Contains("PostgreSQL", value.GetProperty("topMatch").GetString());
        Assert.Equal(5, body.GetProperty("toolCalls").GetArrayLength());
    }

    [Fact]
    public async Task PolicyDenial_ComesBackAsAScriptResult()
    {
        var body = await ExecuteAsync("var x = 1;\nreturn System.IO.File.ReadAllText(\"/etc/hostname\");");

        Assert.Equal("policyDenied", body.GetProperty("status").GetString());
        Assert.Equal("CM4017", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, body.GetProperty("error").GetProperty("line").GetInt32());
    }

    private async Task<JsonElement> ExecuteAsync(string code)
    {
        using var response = await _client.PostAsJsonAsync("/v1/execute", new { runtime = "csharp", code });
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public sealed class OfflineHost : WebApplicationFactory<CodeModeServerOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("CodeMode:ConfigPath", RepositoryPaths.RuntimesJson);
            builder.UseSetting("CodeMode:Offline", "true");
        }
    }
}
