using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace CodeMode.Server.Http;

/// <summary>
/// The live MCP sessions of <c>/mcp</c>, by <c>Mcp-Session-Id</c>. Bounded: when full, the longest-idle session
/// makes room; when every session is busy, a new one is refused. A session unused for the idle timeout is ended
/// when next looked up or by <see cref="McpSessionExpiryService"/>, whichever comes first.
/// </summary>
internal sealed partial class McpSessionStore(McpHttpOptions options, TimeProvider time, ILogger<McpSessionStore> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, McpSession> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _admission = new(1, 1);

    public int Count => _sessions.Count;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>128 random bits: a session id is a bearer of the session, so it must not be guessable.</summary>
    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Adds the session, ending the longest-idle one when full; false when every session is in use.</summary>
    public async Task<bool> TryAddAsync(McpSession session)
    {
        await _admission.WaitAsync();
        try
        {
            if (_sessions.Count >= options.MaxSessions)
            {
                var oldest = _sessions.Values.Where(candidate => candidate.IsIdleSince(Now)).MinBy(candidate => candidate.LastActivity);
                if (oldest is null)
                {
                    return false;
                }

                LogEvicted(oldest.Id, options.MaxSessions);
                await RemoveAsync(oldest.Id);
            }

            _sessions[session.Id] = session;
            return true;
        }
        finally
        {
            _admission.Release();
        }
    }

    /// <summary>The session, unless it does not exist or has just expired (then it is ended now).</summary>
    public async Task<McpSession?> FindAsync(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.IsIdleSince(Now - options.IdleTimeout))
        {
            LogExpired(id, options.IdleTimeout.TotalSeconds);
            await RemoveAsync(id);
            return null;
        }

        return session;
    }

    public async Task<bool> RemoveAsync(string id)
    {
        if (!_sessions.TryRemove(id, out var session))
        {
            return false;
        }

        await session.DisposeAsync();
        return true;
    }

    public async Task RemoveExpiredAsync()
    {
        var cutoff = Now - options.IdleTimeout;
        foreach (var session in _sessions.Values.Where(session => session.IsIdleSince(cutoff)).ToList())
        {
            LogExpired(session.Id, options.IdleTimeout.TotalSeconds);
            await RemoveAsync(session.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
        {
            await RemoveAsync(id);
        }

        _admission.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP session {SessionId} ended after {IdleSeconds} s idle")]
    private partial void LogExpired(string sessionId, double idleSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP session {SessionId} ended to make room: {MaxSessions} sessions is the limit (server.mcpMaxSessions)")]
    private partial void LogEvicted(string sessionId, int maxSessions);
}
