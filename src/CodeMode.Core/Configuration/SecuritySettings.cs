namespace CodeMode.Core.Configuration;

/// <summary>The <c>security</c> section: defaults of the tool path, API keys and the audit log. Rules: <see cref="SecuritySettingsValidator"/>.</summary>
public sealed record SecuritySettings
{
    /// <summary>Largest tool-call argument JSON, in bytes: 1 to 64MB. Default 1 MB.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// When a live server cannot answer, let its mock answer (the trace then says <c>source: "mock"</c>). Default true.
    /// </summary>
    public bool FallbackToMock { get; init; } = true;

    /// <summary>
    /// False switches off API-key authentication, key scopes and per-key rate limits, for local development only:
    /// the host then refuses to listen anywhere but loopback and logs a warning at start-up. Everything else (sandbox
    /// limits, allow-lists, payload and server rate limits, the audit log) stays on. <c>MCP_SECURITY_ENABLED</c>
    /// overrides it. Default true.
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// API clients keyed by id (the id is what the audit log and tool-call context record). With at least one key,
    /// every HTTP endpoint but <c>/health</c> needs one, and the host may listen on other interfaces than loopback.
    /// </summary>
    public IReadOnlyDictionary<string, ApiKeyConfig> ApiKeys { get; init; } = new Dictionary<string, ApiKeyConfig>();

    /// <summary>The durable audit log of executions, tool calls and denials.</summary>
    public AuditSettings Audit { get; init; } = new();
}
