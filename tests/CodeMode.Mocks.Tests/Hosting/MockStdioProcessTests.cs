using System.Diagnostics;
using System.Text.Json;

namespace CodeMode.Mocks.Tests.Hosting;

/// <summary>The <c>codemode mock</c> process at the byte level: what an MCP client other than the SDK's sees.</summary>
public sealed class MockStdioProcessTests
{
    [Fact]
    public async Task Stdout_CarriesOnlyJsonRpc_AndTheProcessExitsWhenStdinCloses()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "codemode.dll"));
        start.ArgumentList.Add("mock");
        start.ArgumentList.Add("serena");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();

        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_memories","arguments":{}}}""");

        var answers = new Dictionary<int, JsonElement>();
        while (answers.Count < 3 && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            // Every stdout line must be a JSON-RPC message: a log line here would break any client.
            var message = JsonElement.Parse(line);
            Assert.Equal("2.0", message.GetProperty("jsonrpc").GetString());
            if (message.TryGetProperty("id", out var id))
            {
                answers[id.GetInt32()] = message.GetProperty("result");
            }
        }

        process.StandardInput.Close();
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(safety.Token);

        Assert.Equal("serena", answers[1].GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal(29, answers[2].GetProperty("tools").GetArrayLength());
        Assert.Equal("""{"memories": ["project_overview", "suggested_commands"]}""", answers[3].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("{\"jsonrpc\"", await stderr);
    }
}
