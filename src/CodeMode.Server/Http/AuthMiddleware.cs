using System.Globalization;
using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CodeMode.Server.Http;

/// <summary>
/// API-key authentication for every path but <c>/health</c> — default-deny, so endpoints added later (<c>/mcp</c>,
/// <c>/metrics</c>) are covered without opting in. The key comes as <c>Authorization: Bearer KEY</c> or
/// <c>X-Api-Key: KEY</c>; a missing or unknown key is 401, a key over its <c>rateLimitPerMinute</c> is 429 with
/// Retry-After; both are audited as denials. An accepted request carries its <see cref="AuthApiClientFeature"/>.
/// Does nothing while <see cref="AuthApiKeys.Enforced"/> is false.
/// </summary>
public sealed class AuthMiddleware(RequestDelegate next, AuthApiKeys keys, IAuditSink audit, SecurityMetrics metrics, TimeProvider time)
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Paths that never need a key: a load balancer's probe carries none.</summary>
    public static IReadOnlySet<string> OpenPaths { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "/health" };

    public async Task InvokeAsync(HttpContext http)
    {
        if (!keys.Enforced || OpenPaths.Contains(http.Request.Path.Value ?? ""))
        {
            await next(http);
            return;
        }

        var client = keys.Find(PresentedKey(http.Request));
        if (client is null)
        {
            Deny(http, null, ErrorCodes.Unauthenticated, "unauthenticated");
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await ProblemResponses.WriteAsync(http, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "An API key is required.",
                $"Send a configured API key as 'Authorization: Bearer KEY' or '{ApiKeyHeader}: KEY'.");
            return;
        }

        if (!client.TryAcquire(out var retryAfter))
        {
            Deny(http, client.Id, ErrorCodes.ClientRateLimited, "rateLimited");
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await ProblemResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.ClientRateLimited, "This API key is over its rate limit.",
                $"API client '{client.Id}' may make {client.RateLimitPerMinute} requests per minute (security.apiKeys.{client.Id}.rateLimitPerMinute).");
            return;
        }

        http.Features.Set(new AuthApiClientFeature(client));
        await next(http);
    }

    private void Deny(HttpContext http, string? clientId, string code, string outcome)
    {
        metrics.Denied(code, "request");
        audit.Record(new AuditRecord
        {
            Timestamp = time.GetUtcNow(),
            Kind = AuditKind.Denial,
            Outcome = outcome,
            ClientId = clientId,
            Code = code,
            // Method and path only: the query string could carry anything, keys included.
            Detail = $"{http.Request.Method} {http.Request.Path}",
        });
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var apiKey = request.Headers[ApiKeyHeader].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }
}
