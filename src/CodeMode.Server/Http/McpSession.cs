using ModelContextProtocol.Server;

namespace CodeMode.Server.Http;

/// <summary>
/// One MCP session over HTTP: its transport, the MCP server reading from it, and when it was last used. A session
/// with a request in progress (including an open GET stream) is never idle.
/// </summary>
internal sealed class McpSession : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _run;
    private int _activeRequests;
    private int _getStreamOpen;
    private bool _disposed;

    public McpSession(string id, StreamableHttpServerTransport transport, McpServer server, DateTimeOffset now)
    {
        Id = id;
        Transport = transport;
        Server = server;
        LastActivity = now;
        _run = server.RunAsync(_closed.Token);
    }

    public string Id { get; }

    /// <summary>The API client that opened the session (null without keys); only it may use the session.</summary>
    public string? ClientId { get; init; }

    public StreamableHttpServerTransport Transport { get; }

    public McpServer Server { get; }

    /// <summary>Cancelled when the session ends (DELETE, expiry, shutdown), so an open GET stream ends with it.</summary>
    public CancellationToken Closed => _closed.Token;

    public DateTimeOffset LastActivity { get; private set; }

    /// <summary>Marks a request in progress; false when the session has already ended.</summary>
    public bool TryBeginRequest(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _activeRequests++;
            LastActivity = now;
            return true;
        }
    }

    public void EndRequest(DateTimeOffset now)
    {
        lock (_gate)
        {
            _activeRequests--;
            LastActivity = now;
        }
    }

    /// <summary>The idle clock runs only while no request is in progress.</summary>
    public bool IsIdleSince(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            return _activeRequests == 0 && LastActivity <= cutoff;
        }
    }

    /// <summary>The spec allows one standalone GET stream per session; a second would steal its messages.</summary>
    public bool TryOpenGetStream() => Interlocked.Exchange(ref _getStreamOpen, 1) == 0;

    public void CloseGetStream() => Volatile.Write(ref _getStreamOpen, 0);

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // The transport first, so the server's message loop ends by completion rather than by cancellation.
        await Transport.DisposeAsync();
        await _closed.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        // _closed is left undisposed: a request racing the end may still read Closed, and it holds no timer.
        await Server.DisposeAsync();
    }
}
