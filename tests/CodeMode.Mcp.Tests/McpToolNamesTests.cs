using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Mcp.Clients;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Tests;

/// <summary>Live tool names sanitised to identifiers, and names that collide once sanitised.</summary>
public sealed class McpToolNamesTests
{
    private static McpServerTool Tool(string name, string answer) =>
        McpServerTool.Create(() => answer, new McpServerToolCreateOptions { Name = name, ReadOnly = true });

    private static McpClientManager Manager(InMemoryServer server) => new(
        new Dictionary<string, McpServerConfig> { ["demo"] = new() { Command = "unused" } },
        new SecuritySettings(),
        new McpClientManagerOptions { TransportFactory = server.CreateTransport, HealthCheckInterval = TimeSpan.Zero });

    private static ToolCallRequest Request(string tool)
    {
        var context = new ToolCallContext { ExecutionId = "e1", Runtime = "javascript", AllowedServers = new HashSet<string> { "demo" }, MaxToolCalls = 10 };
        return new ToolCallRequest("demo", tool, JsonDocument.Parse("{}").RootElement, 2, context);
    }

    [Fact]
    public async Task Catalog_ToolNamesThatAreNotIdentifiers_AreExposedSanitisedAndCallsReachTheOriginalTool()
    {
        await using var server = new InMemoryServer(() => [Tool("get.item", "item"), Tool("list-files", "files"), Tool("plain", "plain")]);
        await using var manager = Manager(server);
        var catalog = new LiveToolCatalog(manager, new EmptyToolCatalog());

        Assert.Equal(["get_item", "list_files", "plain"], catalog.GetTools("demo").Select(tool => tool.Name));
        var outcome = await new LiveToolGateway(manager).CallAsync(Request("get_item"));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal("item", outcome.Result!.Content[0].Text);
        Assert.Equal(McpServerState.Connected, Assert.Single(await manager.GetStatusAsync()).State);
    }

    [Fact]
    public async Task Catalog_TwoToolsCollideOnceSanitised_NeitherIsExposedAndTheStatusSaysWhy()
    {
        await using var server = new InMemoryServer(() => [Tool("get.item", "dotted"), Tool("get_item", "plain"), Tool("other", "other")]);
        await using var manager = Manager(server);
        var catalog = new LiveToolCatalog(manager, new EmptyToolCatalog());

        Assert.Equal(["other"], catalog.GetTools("demo").Select(tool => tool.Name));
        Assert.False(catalog.TryGetTool("demo", "get_item", out _));
        var status = Assert.Single(await manager.GetStatusAsync());
        Assert.Equal(McpServerState.Degraded, status.State);
        Assert.Equal(1, status.ToolCount);
        Assert.Contains("\"get.item\" and \"get_item\" all become \"get_item\"", status.LastError);
    }

    [Fact]
    public void Expose_NoCollision_KeepsOrderAndMapsOnlyRenamedTools()
    {
        var schema = JsonDocument.Parse("{}").RootElement;
        var exposure = McpToolNames.Expose("demo", [new ToolDescriptor("demo", "a-b", null, schema), new ToolDescriptor("demo", "c", null, schema), new ToolDescriptor("demo", "9lives", null, schema)]);

        Assert.Equal(["a_b", "c", "_9lives"], exposure.Tools.Select(tool => tool.Name));
        Assert.Equal(new Dictionary<string, string> { ["a_b"] = "a-b", ["_9lives"] = "9lives" }, exposure.RemoteNames);
        Assert.Null(exposure.Problem);
    }
}
