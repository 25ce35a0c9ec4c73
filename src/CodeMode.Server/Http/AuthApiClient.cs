using System.Threading.RateLimiting;

namespace CodeMode.Server.Http;

/// <summary>
/// One configured API client (<c>security.apiKeys.ID</c>): its id, its scopes and its own rate limiter. A null scope
/// means "no narrowing". Known to the request through <see cref="AuthApiClientFeature"/>.
/// </summary>
public sealed class AuthApiClient(string id, IReadOnlySet<string>? runtimes, IReadOnlySet<string>? servers, int rateLimitPerMinute, bool auditAll = false)
{
    public string Id { get; } = id;

    /// <summary>Runtimes the key may execute; null for every runtime.</summary>
    public IReadOnlySet<string>? Runtimes { get; } = runtimes;

    /// <summary>Servers the key's scripts may call, within the runtime's; null for no narrowing.</summary>
    public IReadOnlySet<string>? Servers { get; } = servers;

    public int RateLimitPerMinute { get; } = rateLimitPerMinute;

    /// <summary>Whether the key reads every client's audit records, not only its own.</summary>
    public bool AuditAll { get; } = auditAll;

    /// <summary>At most <see cref="RateLimitPerMinute"/> requests in any minute, counted in one-second segments.</summary>
    internal RateLimiter Limiter { get; } = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = rateLimitPerMinute,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 60,
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    public bool MayRun(string runtime) => Runtimes is null || Runtimes.Contains(runtime);
}
