using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Mcp.Clients;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Tests;

public sealed class LiveToolGatewayTests
{
    private static McpServerPrimitiveCollection<McpServerTool> Tools() =>
    [
        McpServerTool.Create((string message) => "Echo: " + message, new McpServerToolCreateOptions { Name = "echo", ReadOnly = true }),
        McpServerTool.Create(string () => throw new McpException("the tool broke"), new McpServerToolCreateOptions { Name = "fail" }),
    ];

    private static (McpClientManager Manager, LiveToolGateway Gateway) Create(InMemoryServer server, McpServerConfig? config = null, Func<string, string?>? environment = null)
    {
        var manager = new McpClientManager(
            new Dictionary<string, McpServerConfig> { ["demo"] = config ?? new McpServerConfig { Command = "unused" } },
            new SecuritySettings(),
            new McpClientManagerOptions
            {
                TransportFactory = server.CreateTransport,
                HealthCheckInterval = TimeSpan.Zero,
                Environment = environment ?? (_ => null),
            });
        return (manager, new LiveToolGateway(manager));
    }

    private static ToolCallRequest Request(string tool, string json = "{}")
    {
        var context = new ToolCallContext { ExecutionId = "e1", Runtime = "javascript", AllowedServers = new HashSet<string> { "demo" }, MaxToolCalls = 10 };
        return new ToolCallRequest("demo", tool, JsonDocument.Parse(json).RootElement, json.Length, context);
    }

    [Fact]
    public async Task CallAsync_ConnectedServer_AnswersLive()
    {
        await using var server = new InMemoryServer(Tools);
        var (manager, gateway) = Create(server);
        await using var _ = manager;

        var outcome = await gateway.CallAsync(Request("echo", """{"message":"hi"}"""));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(ToolCallSource.Live, outcome.Source);
        Assert.Equal("Echo: hi", outcome.Result!.Content[0].Text);
    }

    [Fact]
    public async Task CallAsync_ToolReportsError_IsAToolErrorWithTheServersMessage()
    {
        await using var server = new InMemoryServer(Tools);
        var (manager, gateway) = Create(server);
        await using var _ = manager;

        var outcome = await gateway.CallAsync(Request("fail"));

        Assert.Equal(ToolCallStatus.ToolError, outcome.Status);
        Assert.Contains("the tool broke", outcome.Result!.Content[0].Text);
    }

    [Fact]
    public async Task CallAsync_OptionalServerMissingVariable_UnavailableNamingTheVariableAndNeverConnects()
    {
        await using var server = new InMemoryServer(Tools);
        var config = new McpServerConfig { Command = "unused", Optional = true, Env = new Dictionary<string, string> { ["KEY"] = "${DEMO_KEY}" } };
        var (manager, gateway) = Create(server, config);
        await using var _ = manager;

        var outcome = await gateway.CallAsync(Request("echo", """{"message":"hi"}"""));

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.ToolUnavailable, outcome.ErrorCode);
        Assert.Contains("DEMO_KEY", outcome.ErrorMessage);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Catalog_ConnectedServer_ListsLiveToolsWithAnnotations()
    {
        await using var server = new InMemoryServer(Tools);
        var (manager, _) = Create(server);
        await using var __ = manager;
        var catalog = new LiveToolCatalog(manager, new EmptyToolCatalog());
        var before = catalog.Version;

        Assert.True(catalog.TryGetTool("demo", "echo", out var echo));
        Assert.True(echo.Annotations?.ReadOnlyHint);
        Assert.NotEqual(before, catalog.Version);
        Assert.Equal(McpServerState.Connected, (await manager.GetStatusAsync()).Single().State);
    }
}
