using CodeMode.Core.Configuration;
using CodeMode.Mcp.Clients;
using Microsoft.AspNetCore.Http;

namespace CodeMode.Server.Http;

/// <summary>
/// <c>GET /v1/servers</c>: every configured server with its state (connected, degraded, down, mock), tool count, last
/// error, latency and circuit state. Offline or disabled servers have no connection and show as mock or down.
/// </summary>
internal static class ServersEndpoint
{
    public static async Task<IResult> HandleAsync(McpClientManager manager, CodeModeConfig config, CancellationToken cancellationToken)
    {
        var live = (await manager.GetStatusAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(status => status.Name, StringComparer.Ordinal);
        var servers = config.McpServers.Select(pair => live.TryGetValue(pair.Key, out var status)
            ? ToJson(status, pair.Value.Enabled)
            : ToJson(NotConnected(pair.Key, pair.Value, config.Security), pair.Value.Enabled));
        return Results.Json(new { servers }, CodeMode.Abstractions.CodeModeJson.Options);
    }

    private static McpServerStatus NotConnected(string name, McpServerConfig server, SecuritySettings security) => new(
        name,
        server.Type ?? (server.Command is not null ? McpTransports.Stdio : McpTransports.Http),
        security.FallbackToMock && !string.IsNullOrWhiteSpace(server.Mock) ? McpServerState.Mock : McpServerState.Down,
        0,
        server.Enabled ? "offline: live connections are off" : "disabled in runtimes.json",
        null,
        "closed");

    private static object ToJson(McpServerStatus status, bool enabled) => new
    {
        name = status.Name,
        transport = status.Transport,
        state = status.State switch
        {
            McpServerState.Connected => "connected",
            McpServerState.Degraded => "degraded",
            McpServerState.Down => "down",
            _ => "mock",
        },
        enabled,
        toolCount = status.ToolCount,
        lastError = status.LastError,
        latencyMs = status.LatencyMs,
        circuit = status.Circuit,
    };
}
