using CodeMode.Abstractions.Audit;
using CodeMode.Core.Audit;
using CodeMode.Core.Configuration;
using CodeMode.Server.Http;
using CodeMode.Testing;
using Microsoft.AspNetCore.Http;

namespace CodeMode.Server.Tests;

/// <summary>
/// The per-API-key rate limit on a manual clock: a sliding minute in one-second buckets, the window rolling over
/// bucket by bucket, and the exact Retry-After the refusal carries.
/// </summary>
public sealed class AuthRateLimitTests
{
    private const string Key = "rate-limited-key-0123456789";

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Limit_Reached_RefusesWithTheTimeUntilTheOldestSecondLeavesTheWindow()
    {
        var client = new AuthApiClient("ci", null, null, rateLimitPerMinute: 3, timeProvider: _clock);

        Assert.True(client.TryAcquire(out _));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(client.TryAcquire(out _));
        Assert.True(client.TryAcquire(out _));
        _clock.Advance(TimeSpan.FromSeconds(5.5));

        Assert.False(client.TryAcquire(out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(44.5), retryAfter);
    }

    [Fact]
    public void Window_RollsOver_SecondBySecond()
    {
        var client = new AuthApiClient("ci", null, null, rateLimitPerMinute: 2, timeProvider: _clock);
        Assert.True(client.TryAcquire(out _));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(client.TryAcquire(out _));

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(client.TryAcquire(out var first));
        Assert.Equal(TimeSpan.FromSeconds(1), first);

        // The first request's second has left the window: one place is free, and only one.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(client.TryAcquire(out _));
        Assert.False(client.TryAcquire(out var second));
        Assert.Equal(TimeSpan.FromSeconds(30), second);

        // A whole quiet minute frees everything.
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(client.TryAcquire(out _));
        Assert.True(client.TryAcquire(out _));
        Assert.False(client.TryAcquire(out _));
    }

    [Fact]
    public async Task Middleware_OverTheLimit_Answers429WithTheExactRetryAfter()
    {
        var keys = new AuthApiKeys(
            new SecuritySettings { ApiKeys = new Dictionary<string, ApiKeyConfig> { ["slow"] = new() { Sha256 = AuthApiKeys.Hash(Key), RateLimitPerMinute = 1 } } },
            timeProvider: _clock);
        using var metrics = new SecurityMetrics();
        var passed = 0;
        var middleware = new AuthMiddleware(_ => { passed++; return Task.CompletedTask; }, keys, NullAuditSink.Instance, metrics, _clock);

        var first = await SendAsync(middleware);
        _clock.Advance(TimeSpan.FromSeconds(20.2));
        var refused = await SendAsync(middleware);
        _clock.Advance(TimeSpan.FromSeconds(39.8));
        var again = await SendAsync(middleware);

        Assert.Equal(StatusCodes.Status200OK, first.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.StatusCode);
        Assert.Equal("40", refused.Headers.RetryAfter.ToString());
        Assert.Equal(StatusCodes.Status200OK, again.StatusCode);
        Assert.Equal(2, passed);
    }

    private static async Task<HttpResponse> SendAsync(AuthMiddleware middleware)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/v1/execute";
        http.Request.Headers.Authorization = "Bearer " + Key;
        http.Response.Body = new MemoryStream();
        await middleware.InvokeAsync(http);
        return http.Response;
    }
}
