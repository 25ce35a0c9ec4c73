namespace CodeMode.Core.Configuration;

/// <summary>
/// One entry of <c>security.apiKeys</c>: how the key is recognised (never the key itself in the file) and what it may
/// do. Exactly one of <see cref="Sha256"/> and <see cref="Key"/>. Rules: <see cref="ApiKeyConfigValidator"/>.
/// </summary>
public sealed record ApiKeyConfig
{
    /// <summary>The SHA-256 of the key's UTF-8 bytes, as 64 hex digits (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string? Sha256 { get; init; }

    /// <summary>
    /// A <c>${VAR}</c> placeholder, alone: the host reads the key from that environment variable at start-up, hashes it
    /// and keeps only the hash. The variable must be set (at least 16 characters).
    /// </summary>
    public string? Key { get; init; }

    /// <summary>Runtimes this key may execute; null means every runtime.</summary>
    public IReadOnlyList<string>? Runtimes { get; init; }

    /// <summary>Servers this key's scripts may call, within what the runtime allows; null means no further narrowing.</summary>
    public IReadOnlyList<string>? Servers { get; init; }

    /// <summary>
    /// Per server, the only tools this key's scripts may call (within what the runtime allows); a server not listed
    /// is not narrowed. Null means no narrowing.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Tools { get; init; }

    /// <summary>
    /// Whether <c>GET /v1/audit</c> shows this key every client's records. Default false: only its own (the
    /// <c>client</c> filter is set to its id), so one client cannot read what another ran.
    /// </summary>
    public bool AuditAll { get; init; }

    /// <summary>Requests per minute this key may make to <c>/v1/*</c>: 1 to 100000. Default 60.</summary>
    public int RateLimitPerMinute { get; init; } = 60;
}
