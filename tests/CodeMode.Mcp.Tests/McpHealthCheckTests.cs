using CodeMode.Core.Configuration;
using CodeMode.Mcp.Clients;
using CodeMode.Testing;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Tests;

/// <summary>Health checks on an interval, driven by a manual clock: no real waiting for the interval.</summary>
public sealed class McpHealthCheckTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static McpServerPrimitiveCollection<McpServerTool> Tools() =>
        [McpServerTool.Create((string message) => message, new McpServerToolCreateOptions { Name = "echo", ReadOnly = true })];

    private static McpClientManager Manager(ManualTimeProvider clock, Func<McpServerEndpoint, ModelContextProtocol.Client.IClientTransport> transports) => new(
        new Dictionary<string, McpServerConfig> { ["demo"] = new() { Command = "unused" } },
        new SecuritySettings(),
        new McpClientManagerOptions { TransportFactory = transports, HealthCheckInterval = Interval, ReconnectBaseDelay = TimeSpan.FromSeconds(1) },
        clock);

    // The check runs on the timer's callback; wait (bounded) until that round has finished, then read the state.
    private static async Task<McpServerStatus> NextCheckAsync(McpClientManager manager, ManualTimeProvider clock)
    {
        var before = manager.CompletedHealthChecks;
        clock.Advance(Interval);
        for (var attempt = 0; attempt < 400 && manager.CompletedHealthChecks == before; attempt++)
        {
            await Task.Delay(10);
        }

        Assert.True(manager.CompletedHealthChecks > before, "the health check round did not finish");
        manager.TryGetConnection("demo", out var connection);
        return connection.GetStatus();
    }

    [Fact]
    public async Task HealthCheck_ServerStopsAnswering_DegradedAtTheNextCheck_ConnectedAgainAfterItRecovers()
    {
        var clock = new ManualTimeProvider();
        await using var server = new InMemoryServer(Tools);
        SwitchableTransport? transport = null;
        await using var manager = Manager(clock, endpoint => transport = new SwitchableTransport(server.CreateTransport(endpoint)));
        Assert.Equal(McpServerState.Connected, Assert.Single(await manager.GetStatusAsync()).State);

        transport!.Unreachable = true;
        var during = await NextCheckAsync(manager, clock);
        Assert.Equal(McpServerState.Degraded, during.State);
        Assert.Equal("health check failed (IOException)", during.LastError);

        transport.Unreachable = false;
        var after = await NextCheckAsync(manager, clock);
        Assert.True(after.State == McpServerState.Connected, after.LastError);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task HealthCheck_ServerGoneAndStillDown_StaysDown_ThenReconnectsAtTheFirstCheckAfterItIsBack()
    {
        var clock = new ManualTimeProvider();
        await using var server = new InMemoryServer(Tools);
        var up = true;
        SwitchableTransport? transport = null;
        await using var manager = Manager(clock, endpoint =>
            !up ? throw new IOException("connection refused") : transport = new SwitchableTransport(server.CreateTransport(endpoint)));
        Assert.Equal(McpServerState.Connected, Assert.Single(await manager.GetStatusAsync()).State);

        up = false;
        transport!.Close();
        manager.TryGetConnection("demo", out var connection);
        for (var attempt = 0; attempt < 400 && connection.IsConnected; attempt++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(McpServerState.Down, connection.GetStatus().State);
        var stillDown = await NextCheckAsync(manager, clock);
        Assert.Equal(McpServerState.Down, stillDown.State);
        Assert.Contains("could not connect", stillDown.LastError);

        up = true;
        var back = await NextCheckAsync(manager, clock);
        Assert.Equal(McpServerState.Connected, back.State);
        Assert.Null(back.LastError);
        Assert.Equal(2, server.Connections);
    }
}
