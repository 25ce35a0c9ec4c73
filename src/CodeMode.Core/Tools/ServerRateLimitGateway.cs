using System.Collections.Concurrent;
using System.Collections.Frozen;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tools;

/// <summary>
/// Per-server <c>rateLimitPerMinute</c>, shared by every execution of the host: at most that many calls to a server
/// in any 60 seconds (a sliding window exact to the second, over the <see cref="TimeProvider"/>). A refused call ends the script with
/// <see cref="ErrorCodes.ServerRateLimited"/> and says when a call will be admitted again.
/// </summary>
public sealed class ServerRateLimitGateway : DelegatingToolGateway
{
    private static readonly int DefaultLimit = new McpServerConfig().RateLimitPerMinute;

    private readonly TimeProvider _time;
    private readonly long _ticksPerSecond;
    private readonly FrozenDictionary<string, SlidingWindowLimiter> _configured;
    private readonly ConcurrentDictionary<string, SlidingWindowLimiter> _others = new(StringComparer.Ordinal);

    /// <param name="inner">The next gateway.</param>
    /// <param name="servers"><c>mcpServers</c> by name; a server not listed gets the default limit, never none.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    public ServerRateLimitGateway(IToolGateway inner, IReadOnlyDictionary<string, McpServerConfig> servers, TimeProvider? timeProvider = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(servers);
        _time = timeProvider ?? TimeProvider.System;
        _ticksPerSecond = _time.TimestampFrequency;
        _configured = servers.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.RateLimitPerMinute > 0
                ? new SlidingWindowLimiter(pair.Value.RateLimitPerMinute, _ticksPerSecond)
                : throw new ArgumentException($"mcpServers.{pair.Key}.rateLimitPerMinute must be at least 1 (got {pair.Value.RateLimitPerMinute}).", nameof(servers)),
            StringComparer.Ordinal);
    }

    public override ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limiter = _configured.TryGetValue(request.Server, out var configured)
            ? configured
            : _others.GetOrAdd(request.Server, static (_, ticksPerSecond) => new SlidingWindowLimiter(DefaultLimit, ticksPerSecond), _ticksPerSecond);

        if (!limiter.TryAcquire(_time.GetTimestamp(), out var waitTicks))
        {
            var retryAfter = TimeSpan.FromMilliseconds(Math.Ceiling(waitTicks * 1000.0 / _time.TimestampFrequency));
            return new(ToolCallOutcome.Limited(
                ErrorCodes.ServerRateLimited,
                $"Server '{request.Server}' allows {limiter.Limit} calls per minute (mcpServers.{request.Server}.rateLimitPerMinute).",
                retryAfter));
        }

        return Inner.CallAsync(request, cancellationToken);
    }
}
