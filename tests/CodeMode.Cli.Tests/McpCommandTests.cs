using System.Text.Json;
using CodeMode.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CodeMode.Cli.Tests;

/// <summary>A real <c>codemode mcp --offline</c> process driven by the SDK's stdio client.</summary>
public sealed class McpCommandTests
{
    [Fact]
    public async Task Mcp_OverStdio_ListsToolsAndExecutesJavaScriptAgainstTheMocks()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "codemode",
                Command = "dotnet",
                Arguments = [Path.Combine(AppContext.BaseDirectory, "codemode.dll"), "mcp", "--offline", "--config", RepositoryPaths.RuntimesJson],
            }),
            cancellationToken: timeout.Token);

        var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
        var result = await client.CallToolAsync(
            "execute",
            new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "var r = automem.check_database_health({}); 6 * 7" },
            cancellationToken: timeout.Token);

        Assert.Equal(["describe", "execute", "search"], tools.Select(tool => tool.Name).Order().ToArray());
        Assert.NotEqual(true, result.IsError);
        var scriptResult = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text).RootElement;
        Assert.Equal("succeeded", scriptResult.GetProperty("status").GetString());
        Assert.Equal(42, scriptResult.GetProperty("value").GetInt32());
        Assert.Equal("mock", scriptResult.GetProperty("toolCalls")[0].GetProperty("source").GetString());
    }
}
