using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Mcp.Clients;
using CodeMode.Mcp.Resilience;
using ModelContextProtocol.Client;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Tests;

public sealed class McpClientManagerTests
{
    private static ToolCallRequest Request(string tool, string json = "{}")
    {
        var context = new ToolCallContext { ExecutionId = "e1", Runtime = "javascript", AllowedServers = new HashSet<string> { "demo" }, MaxToolCalls = 10 };
        return new ToolCallRequest("demo", tool, JsonDocument.Parse(json).RootElement, json.Length, context);
    }

    private static McpClientManager Manager(Func<McpServerEndpoint, IClientTransport> transports, McpResilienceOptions? resilience = null, int timeoutMs = 30_000) => new(
        new Dictionary<string, McpServerConfig> { ["demo"] = new() { Command = "unused", Mock = "automem", TimeoutMs = timeoutMs } },
        new SecuritySettings(),
        new McpClientManagerOptions
        {
            TransportFactory = transports,
            HealthCheckInterval = TimeSpan.Zero,
            ReconnectBaseDelay = TimeSpan.Zero,
            Resilience = resilience ?? new McpResilienceOptions { RetryBaseDelay = TimeSpan.Zero },
        });

    [Fact]
    public async Task CallAsync_FirstConnectionFails_NonIdempotentCallIsRetriedBecauseItNeverReachedTheServer()
    {
        await using var server = new InMemoryServer(() =>
            [McpServerTool.Create(() => "done", new McpServerToolCreateOptions { Name = "write", ReadOnly = false, Idempotent = false })]);
        var attempts = 0;
        await using var manager = Manager(endpoint =>
            ++attempts == 1 ? throw new IOException("spawn failed") : server.CreateTransport(endpoint));

        var outcome = await new LiveToolGateway(manager).CallAsync(Request("write"));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(1, outcome.Retries);
    }

    [Fact]
    public async Task CallAsync_ServerNeverConnects_OpensTheCircuitAndFailsAsUnavailable()
    {
        await using var manager = Manager(
            _ => throw new IOException("connection refused, token=SECRET"),
            new McpResilienceOptions { MaxRetries = 0, MinimumThroughput = 2, FailureRatio = 0.5 });
        var gateway = new LiveToolGateway(manager);

        ToolCallOutcome outcome = null!;
        for (var call = 0; call < 4; call++)
        {
            outcome = await gateway.CallAsync(Request("anything"));
        }

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.ToolUnavailable, outcome.ErrorCode);
        Assert.Contains("circuit is open", outcome.ErrorMessage);
        var status = (await manager.GetStatusAsync()).Single();
        Assert.Equal(McpServerState.Mock, status.State);
        Assert.Equal("open", status.Circuit);
        Assert.DoesNotContain("SECRET", status.LastError);
    }

    [Fact]
    public async Task ToolListChanged_ServerAddsATool_CatalogShowsItUnderANewVersion()
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool> { McpServerTool.Create(() => "one", new McpServerToolCreateOptions { Name = "one" }) };
        await using var server = new InMemoryServer(() => tools);
        await using var manager = Manager(server.CreateTransport);
        var catalog = new LiveToolCatalog(manager, new EmptyToolCatalog());
        Assert.Single(catalog.GetTools("demo"));
        var version = catalog.Version;

        tools.Add(McpServerTool.Create(() => "two", new McpServerToolCreateOptions { Name = "two" }));
        await server.NotifyToolsChangedAsync();

        // The notification travels asynchronously; wait for it (bounded), without asserting on time.
        for (var attempt = 0; attempt < 200 && catalog.Version == version; attempt++)
        {
            await Task.Delay(25);
        }

        Assert.NotEqual(version, catalog.Version);
        Assert.True(catalog.TryGetTool("demo", "two", out _));
    }

    [Fact]
    public async Task ServerGoesSilent_CallsFailAsUnavailableWithTheLastToolsKept_ThenTheConnectionIsReplaced()
    {
        var down = false;
        var server = new InMemoryServer(() => [McpServerTool.Create((string message) => message, new McpServerToolCreateOptions { Name = "echo", ReadOnly = true })]);
        var replacement = new InMemoryServer(() => [McpServerTool.Create((string message) => message, new McpServerToolCreateOptions { Name = "echo", ReadOnly = true })]);
        // A short break, so the circuit the outage opens lets a call through again soon after the server is back.
        await using var manager = Manager(
            endpoint => down ? throw new IOException("refused") : (server.Connections == 0 ? server : replacement).CreateTransport(endpoint),
            new McpResilienceOptions { RetryBaseDelay = TimeSpan.Zero, BreakDuration = TimeSpan.FromMilliseconds(500) },
            timeoutMs: 1000);
        var catalog = new LiveToolCatalog(manager, new EmptyToolCatalog());
        var gateway = new LiveToolGateway(manager);
        Assert.True(catalog.TryGetTool("demo", "echo", out _));

        down = true;
        await server.DisposeAsync();
        for (var attempt = 0; attempt < 200 && manager.TryGetConnection("demo", out var connection) && connection.IsConnected; attempt++)
        {
            await Task.Delay(25);
        }

        Assert.True(catalog.TryGetTool("demo", "echo", out _));
        var during = await gateway.CallAsync(Request("echo", """{"message":"x"}"""));
        Assert.Equal(ErrorCodes.ToolUnavailable, during.ErrorCode);
        Assert.Contains("'demo'", during.ErrorMessage);
        Assert.Equal(2, during.Retries);

        down = false;
        ToolCallOutcome after = during;
        for (var attempt = 0; attempt < 100 && after.Status != ToolCallStatus.Ok; attempt++)
        {
            await Task.Delay(25);
            after = await gateway.CallAsync(Request("echo", """{"message":"back"}"""));
        }

        Assert.True(after.Status == ToolCallStatus.Ok, after.ErrorMessage);
        Assert.Equal("back", after.Result!.Content[0].Text);
        await replacement.DisposeAsync();
    }
}
