using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mocks.Tests;

public sealed class MockToolGatewayTests
{
    private static readonly Dictionary<string, string> Mapping = new() { ["memory"] = "automem", ["code"] = "serena" };

    private readonly MockServerRegistry _registry = MockServerRegistry.CreateDefault();

    [Fact]
    public void Catalog_ListsTheMappedServersWithTheirMocksTools()
    {
        var catalog = new MockToolCatalog(_registry, Mapping);

        Assert.Equal(["code", "memory"], catalog.Servers);
        Assert.Equal(6, catalog.GetTools("memory").Count);
        Assert.All(catalog.GetTools("memory"), tool => Assert.Equal("memory", tool.Server));
        Assert.True(catalog.TryGetTool("code", "find_symbol", out var descriptor));
        Assert.Equal("code", descriptor.Server);
        Assert.False(catalog.TryGetTool("helpscout", "searchInboxes", out _));
        Assert.Empty(catalog.GetTools("helpscout"));
    }

    [Fact]
    public void Catalog_UnknownMock_IsAConfigurationError()
    {
        var error = Assert.Throws<ArgumentException>(() => new MockToolCatalog(_registry, new Dictionary<string, string> { ["x"] = "jira" }));

        Assert.Contains("'jira'", error.Message);
    }

    [Fact]
    public void Catalog_Default_HasEveryMockUnderItsOwnName()
    {
        Assert.Equal(["automem", "helpscout", "serena"], new MockToolCatalog(_registry).Servers);
    }

    [Fact]
    public async Task Gateway_RoutesToTheMockAndSaysSo()
    {
        var gateway = new MockToolGateway(_registry, Mapping);

        var outcome = await gateway.CallAsync(Request("memory", "check_database_health"));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(ToolCallSource.Mock, outcome.Source);
        Assert.Equal("healthy", outcome.Result!.StructuredContent!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Gateway_IsErrorResult_IsAToolError()
    {
        var gateway = new MockToolGateway(_registry, Mapping);

        var outcome = await gateway.CallAsync(Request("memory", "update_memory", "{}"));

        Assert.Equal(ToolCallStatus.ToolError, outcome.Status);
        Assert.Equal("Error: update_memory: `memory_id` is required", outcome.Result!.Content[0].Text);
    }

    [Theory]
    [InlineData("helpscout", "searchInboxes")]
    [InlineData("memory", "store_memories")]
    public async Task Gateway_UnknownServerOrTool_IsDeniedAsUnknownTool(string server, string tool)
    {
        var gateway = new MockToolGateway(_registry, Mapping);

        var outcome = await gateway.CallAsync(Request(server, tool));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.UnknownTool, outcome.ErrorCode);
    }

    [Fact]
    public async Task Registry_KeepsStateAcrossGatewayCalls()
    {
        var gateway = new MockToolGateway(_registry);

        await gateway.CallAsync(Request("automem", "store_memory", """{"content":"Gateway state survives"}"""));
        var recalled = await gateway.CallAsync(Request("automem", "recall_memory", """{"query":"gateway state"}"""));

        Assert.Equal(1, recalled.Result!.StructuredContent!.Value.GetProperty("count").GetInt32());
    }

    private static ToolCallRequest Request(string server, string tool, string arguments = "{}") => new(
        server,
        tool,
        JsonElement.Parse(arguments),
        arguments.Length,
        new ToolCallContext { ExecutionId = "e", Runtime = "javascript", AllowedServers = new HashSet<string>(), MaxToolCalls = 10 });
}
