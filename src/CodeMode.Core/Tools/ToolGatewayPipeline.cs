using CodeMode.Abstractions.Security;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Core.Security;

namespace CodeMode.Core.Tools;

/// <summary>
/// The tool path, composed in one visible place. Outermost first:
/// <code>
/// Tracing → Budget → PayloadLimit → Capabilities → Policy → SchemaValidation → RateLimit → ResultSizeLimit → Timeout
///   → (offline ? Mock : MockFallback(Live, Mock))
/// </code>
/// Tracing is outermost so every outcome is recorded; the budget counts refused calls too; payload size and sanitising
/// come first because they protect every later step, the brokered capabilities (<c>fs</c>, <c>fetch</c>) included, which
/// are answered by <see cref="CapabilityGateway"/> and go no further; cheap refusals (policy, schema) run before a
/// call spends rate or time; the result limit sees the answer whoever gave it; the timeout covers the live call and its
/// mock fallback.
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
    /// <param name="grants">Each runtime's grants (tool allow-list, destructive tools, capabilities); none by default.</param>
    /// <param name="audit">Receives every use of a brokered capability; nothing by default.</param>
    public static IToolGateway Build(
        IReadOnlyDictionary<string, McpServerConfig> servers,
        SecuritySettings security,
        IToolCatalog catalog,
        IToolGateway mock,
        bool offline,
        TimeProvider? timeProvider = null,
        IToolGateway? live = null,
        IReadOnlyDictionary<string, RuntimeGrants>? grants = null,
        ICapabilityAuditSink? audit = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mock);
        var time = timeProvider ?? TimeProvider.System;

        IToolGateway terminal = offline ? mock : new MockFallbackGateway(live ?? new NoLiveConnectionGateway(), mock, security.FallbackToMock);
        grants ??= new Dictionary<string, RuntimeGrants>();
        return new TracingToolGateway(
            new ToolCallBudgetGateway(
                new PayloadLimitGateway(
                    new CapabilityGateway(
                        new ToolPolicyGateway(
                            new SchemaValidationGateway(
                                new ServerRateLimitGateway(
                                    new ResultSizeLimitGateway(
                                        new ToolTimeoutGateway(terminal, servers, time),
                                        security.MaxPayloadBytes),
                                    servers,
                                    time),
                                catalog),
                            catalog,
                            grants),
                        grants,
                        audit,
                        time),
                    security.MaxPayloadBytes)),
            time);
    }

    /// <summary>
    /// Builds the gateway from the whole configuration: its <c>mcpServers</c> and <c>security</c> sections, and each
    /// runtime's grants (<see cref="RuntimeGrants.From(CodeModeConfig)"/>).
    /// </summary>
    public static IToolGateway Build(
        CodeModeConfig config,
        IToolCatalog catalog,
        IToolGateway mock,
        bool offline,
        TimeProvider? timeProvider = null,
        IToolGateway? live = null,
        ICapabilityAuditSink? audit = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Build(config.McpServers, config.Security, catalog, mock, offline, timeProvider, live, RuntimeGrants.From(config), audit);
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
