using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tools;

/// <summary>
/// The tool path, composed in one visible place. Outermost first:
/// <code>
/// Tracing → Budget → Policy → PayloadLimit → RateLimit → Timeout → (offline ? Mock : MockFallback(Live, Mock))
/// </code>
/// Tracing is outermost so every outcome is recorded; the budget counts refused calls too; cheap refusals (policy,
/// payload) run before a call spends rate or time; the timeout covers the live call and its mock fallback.
/// </summary>
public static class ToolGatewayPipeline
{
    /// <summary>Builds the gateway every proxy call of every execution goes through.</summary>
    /// <param name="servers"><c>mcpServers</c> by name: rate limits and timeouts.</param>
    /// <param name="security">The <c>security</c> section: payload limit and mock fallback.</param>
    /// <param name="catalog">The tools each server offers; calls to anything else are denied.</param>
    /// <param name="mock">The gateway that answers from the mocks (<c>MockToolGateway</c>).</param>
    /// <param name="offline">Answer every call from the mocks (<c>--offline</c>).</param>
    /// <param name="timeProvider">The clock of traces, rate limits and timeouts; the system clock by default.</param>
    /// <param name="live">The live MCP side; until real connections land, <see cref="NoLiveConnectionGateway"/>.</param>
    public static IToolGateway Build(
        IReadOnlyDictionary<string, McpServerConfig> servers,
        SecuritySettings security,
        IToolCatalog catalog,
        IToolGateway mock,
        bool offline,
        TimeProvider? timeProvider = null,
        IToolGateway? live = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mock);
        var time = timeProvider ?? TimeProvider.System;

        IToolGateway terminal = offline ? mock : new MockFallbackGateway(live ?? new NoLiveConnectionGateway(), mock, security.FallbackToMock);
        return new TracingToolGateway(
            new ToolCallBudgetGateway(
                new ToolPolicyGateway(
                    new PayloadLimitGateway(
                        new ServerRateLimitGateway(
                            new ToolTimeoutGateway(terminal, servers, time),
                            servers,
                            time),
                        security.MaxPayloadBytes),
                    catalog)),
            time);
    }

    /// <summary>Builds the gateway from the whole configuration: its <c>mcpServers</c> and <c>security</c> sections.</summary>
    public static IToolGateway Build(
        CodeModeConfig config,
        IToolCatalog catalog,
        IToolGateway mock,
        bool offline,
        TimeProvider? timeProvider = null,
        IToolGateway? live = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Build(config.McpServers, config.Security, catalog, mock, offline, timeProvider, live);
    }

    /// <summary>
    /// Which mock stands in for each enabled server (<c>mcpServers.*.mock</c>), for the mock catalog and gateway.
    /// Servers without a mock are left out: offline, they have no tools.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MockNamesByServer(IReadOnlyDictionary<string, McpServerConfig> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        return servers
            .Where(pair => pair.Value.Enabled && !string.IsNullOrWhiteSpace(pair.Value.Mock))
            .ToDictionary(pair => pair.Key, pair => pair.Value.Mock!, StringComparer.Ordinal);
    }
}
