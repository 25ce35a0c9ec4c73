using CodeMode.Core.Tools;

namespace CodeMode.Server.Http;

/// <summary>
/// One configured API client (<c>security.apiKeys.ID</c>): its id, its scopes and its own rate limiter. A null scope
/// means "no narrowing". Known to the request through <see cref="AuthApiClientFeature"/>.
/// </summary>
/// <param name="timeProvider">The clock of the rate limit; <see cref="TimeProvider.System"/> by default.</param>
public sealed class AuthApiClient(
    string id,
    IReadOnlySet<string>? runtimes,
    IReadOnlySet<string>? servers,
    int rateLimitPerMinute,
    bool auditAll = false,
    TimeProvider? timeProvider = null,
    IReadOnlyDictionary<string, IReadOnlySet<string>>? tools = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    // At most RateLimitPerMinute requests in any minute, counted in one-second buckets on the injected clock.
    private readonly SlidingWindowLimiter _limiter = new(rateLimitPerMinute, (timeProvider ?? TimeProvider.System).TimestampFrequency);

    public string Id { get; } = id;

    /// <summary>Runtimes the key may execute; null for every runtime.</summary>
    public IReadOnlySet<string>? Runtimes { get; } = runtimes;

    /// <summary>Servers the key's scripts may call, within the runtime's; null for no narrowing.</summary>
    public IReadOnlySet<string>? Servers { get; } = servers;

    /// <summary>Per server, the only tools the key's scripts may call; a server not listed, or null, is not narrowed.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>>? Tools { get; } = tools;

    public int RateLimitPerMinute { get; } = rateLimitPerMinute;

    /// <summary>Whether the key reads every client's audit records, not only its own.</summary>
    public bool AuditAll { get; } = auditAll;

    /// <summary>Admits one request now, or says how long until one would be admitted.</summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        var admitted = _limiter.TryAcquire(_time.GetTimestamp(), out var waitTicks);
        retryAfter = admitted ? TimeSpan.Zero : TimeSpan.FromSeconds((double)waitTicks / _time.TimestampFrequency);
        return admitted;
    }

    public bool MayRun(string runtime) => Runtimes is null || Runtimes.Contains(runtime);
}
