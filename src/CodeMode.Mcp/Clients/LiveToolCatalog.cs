using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Clients;

/// <summary>
/// The tools scripts see: a server's live tools/list while it is connected, its mock's tools while it is not (down,
/// missing credentials), so proxies keep working through an outage. <see cref="Version"/> changes when either side
/// changes, which makes sandboxes rebuild their proxies.
/// </summary>
public sealed class LiveToolCatalog(McpClientManager manager, IToolCatalog fallback) : IToolCatalog
{
    private readonly McpClientManager _manager = manager ?? throw new ArgumentNullException(nameof(manager));
    private readonly IToolCatalog _fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));

    // Both versions only grow, so their sum moves whenever either does.
    public long Version => _manager.Version + _fallback.Version;

    public IReadOnlyList<string> Servers => _manager.ServerNames.Union(_fallback.Servers, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<ToolDescriptor> GetTools(string server)
    {
        if (!_manager.TryGetConnection(server, out var connection))
        {
            return _fallback.GetTools(server);
        }

        connection.EnsureFirstAttempt();
        if (connection.Tools is { } live)
        {
            return live;
        }

        // Down: the mock's tools when a mock stands in; otherwise the last live list, so calls still reach the live
        // gateway and get a clear "unavailable" error (or a reconnection) rather than "unknown tool".
        var mock = connection.MockStandsIn ? _fallback.GetTools(server) : [];
        return mock.Count > 0 ? mock : connection.LastKnownTools ?? [];
    }

    public bool TryGetTool(string server, string tool, out ToolDescriptor descriptor)
    {
        descriptor = GetTools(server).FirstOrDefault(candidate => string.Equals(candidate.Name, tool, StringComparison.Ordinal))!;
        return descriptor is not null;
    }
}
