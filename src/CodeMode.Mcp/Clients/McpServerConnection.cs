using System.Diagnostics;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Mcp.Resilience;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ToolAnnotations = CodeMode.Abstractions.Tools.ToolAnnotations;
using Polly;
using Polly.CircuitBreaker;

namespace CodeMode.Mcp.Clients;

/// <summary>
/// The live connection to one configured server: connects lazily (one attempt at a time, bounded by the connect
/// timeout), lists its tools, re-lists them on <c>notifications/tools/list_changed</c>, and reconnects — restarting a
/// stdio server — after a crash, backing off while attempts keep failing. Thread-safe.
/// </summary>
public sealed class McpServerConnection : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly McpClientManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly McpServerEndpoint? _endpoint;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly CancellationTokenSource _disposed = new();
    private McpClient? _client;
    private Task? _connecting;
    private IReadOnlyList<ToolDescriptor>? _tools;
    private IReadOnlyList<ToolDescriptor>? _lastKnownTools;
    private bool _attempted;
    private Dictionary<string, ToolDescriptor> _toolsByName = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string> _remoteNames = new Dictionary<string, string>(StringComparer.Ordinal);
    private string? _toolProblem;
    private int _failuresInRow;
    private long _nextAttemptTicks;
    private string? _lastError;
    private double? _latencyMs;
    private bool _lastCallFailed;

    internal McpServerConnection(
        string name, McpServerConfig config, bool mockStandsIn, McpClientManagerOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        Name = name;
        MockStandsIn = mockStandsIn;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger<McpServerConnection>();
        Transport = config.Type ?? (config.Command is not null ? McpTransports.Stdio : McpTransports.Http);
        if (TryResolve(name, config, out var endpoint, out var error))
        {
            _endpoint = endpoint;
        }
        else
        {
            // Decided here, once. The manager turns it into a start-up error unless the server is optional; an
            // optional server stays unavailable (its mock answers when it has one) — see docs/mcp-servers.md.
            UnavailableReason = error;
            _lastError = error;
        }

        var attemptTimeout = TimeSpan.FromMilliseconds(Math.Max(1, config.TimeoutMs * options.Resilience.AttemptTimeoutShare));
        Pipeline = McpResiliencePipelines.Build(options.Resilience, attemptTimeout, _circuit, time, () => Drop("its circuit opened"));
    }

    public string Name { get; }

    public string Transport { get; }

    /// <summary>A mock answers for this server when it cannot (<c>mock</c> set and <c>fallbackToMock</c> on).</summary>
    public bool MockStandsIn { get; }

    /// <summary>Why this server can never connect with the current environment (a missing variable), or null.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Raised when the live tool list appears, changes or goes away.</summary>
    public event Action? ToolsChanged;

    internal ResiliencePipeline Pipeline { get; }

    /// <summary>The live tools, or null while not connected.</summary>
    public IReadOnlyList<ToolDescriptor>? Tools => Volatile.Read(ref _tools);

    /// <summary>
    /// The tools of the last successful tools/list, kept through a disconnection: a server without a mock keeps its
    /// proxies, so a call during an outage reaches the live gateway (which reconnects, or fails with a clear error)
    /// instead of being refused as an unknown tool.
    /// </summary>
    public IReadOnlyList<ToolDescriptor>? LastKnownTools => Volatile.Read(ref _lastKnownTools);

    public bool IsConnected => Volatile.Read(ref _client) is not null;

    public string Circuit => _circuit.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "halfOpen",
        _ => "isolated",
    };

    internal ToolAnnotations? AnnotationsOf(string tool)
    {
        lock (_gate)
        {
            return _toolsByName.TryGetValue(tool, out var descriptor) ? descriptor.Annotations : null;
        }
    }

    /// <summary>
    /// Starts the first connection attempt if none was made and waits for it, at most the connect timeout, so the
    /// first tools/list of a lazy server is live. Later calls return at once.
    /// </summary>
    public void EnsureFirstAttempt()
    {
        Task? attempt;
        lock (_gate)
        {
            // Only the very first attempt is waited for: after that, reconnection happens on calls and health checks,
            // so reading the catalog never blocks on a server that is down.
            if (UnavailableReason is not null || _client is not null || _disposed.IsCancellationRequested || (_attempted && _connecting is null))
            {
                return;
            }

            _attempted = true;
            attempt = _connecting ??= ConnectAsync();
        }

        // Bounded: ConnectAsync gives up at the connect timeout itself; this wait is a second guard.
        attempt.Wait(_options.ConnectTimeout + TimeSpan.FromSeconds(1));
    }

    /// <summary>The connected client, connecting first when needed. Throws <see cref="McpServerUnavailableException"/> otherwise.</summary>
    internal async ValueTask<McpClient> GetClientAsync(CancellationToken cancellationToken)
    {
        Task attempt;
        lock (_gate)
        {
            if (_client is { } connected)
            {
                return connected;
            }

            if (UnavailableReason is not null)
            {
                throw new McpServerUnavailableException(UnavailableReason);
            }

            if (_connecting is null)
            {
                var wait = TimeSpan.FromTicks(_nextAttemptTicks - _time.GetUtcNow().UtcTicks);
                if (wait > TimeSpan.Zero)
                {
                    throw new McpServerUnavailableException(
                        $"server '{Name}' is down ({_lastError ?? "not connected"}); next reconnection attempt in {Math.Ceiling(wait.TotalSeconds)} s");
                }

                _attempted = true;
                _connecting = ConnectAsync();
            }

            attempt = _connecting;
        }

        await attempt.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _client) ?? throw new McpServerUnavailableException($"server '{Name}' is down: {Volatile.Read(ref _lastError)}");
    }

    /// <summary>Tries to reconnect a server that is down, when its backoff allows (health checks).</summary>
    internal async Task TryReconnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await GetClientAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (McpServerUnavailableException)
        {
            // Still down; the status says why.
        }
    }

    /// <summary>
    /// Probes a connected server and records the latency (health checks). The probe is tools/list, not ping: every
    /// protocol version has it, while ping is gone from the newest one the SDK negotiates (2026-07-28), where it
    /// fails with "method not available" and would mark every healthy server degraded.
    /// </summary>
    internal async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        var client = Volatile.Read(ref _client);
        if (client is null)
        {
            await TryReconnectAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var started = _time.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ConnectTimeout);
            await client.ListToolsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            RecordSuccess(_time.GetElapsedTime(started));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RecordFailure($"health check failed ({Describe(exception)})");
        }
    }

    internal void RecordSuccess(TimeSpan latency)
    {
        lock (_gate)
        {
            _latencyMs = Math.Round(latency.TotalMilliseconds, 3);
            _lastCallFailed = false;
        }
    }

    internal void RecordFailure(string error)
    {
        lock (_gate)
        {
            _lastError = error;
            _lastCallFailed = true;
        }
    }

    public McpServerStatus GetStatus()
    {
        lock (_gate)
        {
            var connected = _client is not null;
            // Tools left out for colliding names keep a connected server degraded until its tools/list changes.
            var toolProblem = connected ? _toolProblem : null;
            var state = connected
                ? (_lastCallFailed || toolProblem is not null || _circuit.CircuitState != CircuitState.Closed ? McpServerState.Degraded : McpServerState.Connected)
                : (MockStandsIn ? McpServerState.Mock : McpServerState.Down);
            var lastError = toolProblem is null ? _lastError : _lastError is null ? toolProblem : $"{_lastError}; {toolProblem}";
            return new McpServerStatus(Name, Transport, state, _tools?.Count ?? 0, lastError, _latencyMs, Circuit);
        }
    }

    private async Task ConnectAsync()
    {
        await Task.Yield();
        var endpoint = _endpoint!;
        var started = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        McpClient? client = null;
        try
        {
            var options = new McpClientOptions
            {
                ClientInfo = new Implementation { Name = "codemode", Version = "1.0" },
                InitializationTimeout = _options.ConnectTimeout,
                Handlers = new McpClientHandlers
                {
                    NotificationHandlers =
                    [
                        new(NotificationMethods.ToolListChangedNotification, (_, token) => new ValueTask(RefreshToolsAsync(token))),
                    ],
                },
            };
            // No logger for the SDK: it logs a stdio server's resolved arguments and stderr, which may hold secrets.
            // Our own messages say what happened without them.
            client = await McpClient.CreateAsync(_options.TransportFactory(endpoint), options, loggerFactory: null, timeout.Token).ConfigureAwait(false);
            var tools = await ListToolsAsync(client, timeout.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _client = client;
                SetTools(tools);
                _failuresInRow = 0;
                _lastError = null;
                _lastCallFailed = false;
                _latencyMs = Math.Round(_time.GetElapsedTime(started).TotalMilliseconds, 3);
                _connecting = null;
            }

            _logger.LogInformation("MCP server {Server} connected over {Transport} with {Count} tools", Name, Transport, tools.Count);
            _ = WatchAsync(client);
            ToolsChanged?.Invoke();
        }
        catch (Exception exception)
        {
            if (client is not null)
            {
                await DisposeQuietlyAsync(client).ConfigureAwait(false);
            }

            var reason = timeout.IsCancellationRequested && !_disposed.IsCancellationRequested
                ? $"did not connect within {_options.ConnectTimeout.TotalSeconds:0.#} s"
                : $"could not connect ({Describe(exception)})";
            lock (_gate)
            {
                _failuresInRow++;
                _nextAttemptTicks = _time.GetUtcNow().UtcTicks + Backoff(_failuresInRow).Ticks;
                _lastError = reason;
                _connecting = null;
            }

            // Never the exception message: it may quote a URL, header or argument that holds a secret.
            _logger.LogWarning("MCP server {Server} {Reason}", Name, reason);
        }
    }

    /// <summary>Marks the server down when its client ends (a stdio server exited, an HTTP session was dropped).</summary>
    private async Task WatchAsync(McpClient client)
    {
        string reason;
        try
        {
            var details = await client.Completion.ConfigureAwait(false);
            reason = details is StdioClientCompletionDetails { ExitCode: { } code } ? $"the server exited with code {code}" : "the connection closed";
        }
        catch (Exception exception)
        {
            reason = $"the connection failed ({Describe(exception)})";
        }

        lock (_gate)
        {
            if (!ReferenceEquals(_client, client))
            {
                return;
            }

            _client = null;
            SetTools(null);
            _lastError = reason;
            // The first reconnection (a restart, for stdio) is immediate; the backoff grows if it fails too.
            _failuresInRow = 0;
            _nextAttemptTicks = 0;
        }

        if (!_disposed.IsCancellationRequested)
        {
            _logger.LogWarning("MCP server {Server} disconnected: {Reason}", Name, reason);
            ToolsChanged?.Invoke();
        }

        await DisposeQuietlyAsync(client).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives up on the current client — a server that keeps timing out may be hung, or its session silently gone, and
    /// such a client never completes by itself — so the next call or health check connects (or restarts) afresh.
    /// </summary>
    private void Drop(string reason)
    {
        McpClient? client;
        lock (_gate)
        {
            client = _client;
            if (client is null)
            {
                return;
            }

            _client = null;
            SetTools(null);
            _lastError = $"disconnected: {reason}";
            _failuresInRow = 0;
            _nextAttemptTicks = 0;
        }

        _logger.LogWarning("MCP server {Server} disconnected: {Reason}", Name, reason);
        ToolsChanged?.Invoke();
        _ = DisposeQuietlyAsync(client);
    }

    private async Task RefreshToolsAsync(CancellationToken cancellationToken)
    {
        var client = Volatile.Read(ref _client);
        if (client is null)
        {
            return;
        }

        try
        {
            var tools = await ListToolsAsync(client, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (!ReferenceEquals(_client, client))
                {
                    return;
                }

                SetTools(tools);
            }

            _logger.LogInformation("MCP server {Server} changed its tools: now {Count}", Name, tools.Count);
            ToolsChanged?.Invoke();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RecordFailure($"tools/list failed ({Describe(exception)})");
        }
    }

    private async Task<IReadOnlyList<ToolDescriptor>> ListToolsAsync(McpClient client, CancellationToken cancellationToken)
    {
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return tools.Select(tool => ToDescriptor(Name, tool.ProtocolTool)).ToArray();
    }

    internal static ToolDescriptor ToDescriptor(string server, Tool tool) => new(
        server,
        tool.Name,
        tool.Description,
        tool.InputSchema.Clone(),
        tool.OutputSchema?.Clone(),
        tool.Annotations is { } hints
            ? new ToolAnnotations(hints.Title, hints.ReadOnlyHint, hints.DestructiveHint, hints.IdempotentHint, hints.OpenWorldHint)
            : null);

    // Under the lock. The server's tools/list as scripts see it: names sanitised to identifiers (get.item -> get_item),
    // and tools whose names collide once sanitised left out, with the reason kept for the status.
    private void SetTools(IReadOnlyList<ToolDescriptor>? listed)
    {
        if (listed is null)
        {
            _tools = null;
            _toolsByName = new Dictionary<string, ToolDescriptor>(StringComparer.Ordinal);
            return;
        }

        var names = McpToolNames.Expose(Name, listed);
        _tools = names.Tools;
        _lastKnownTools = names.Tools;
        _toolsByName = names.Tools.ToDictionary(tool => tool.Name, StringComparer.Ordinal);
        _remoteNames = names.RemoteNames;
        _toolProblem = names.Problem;
        if (names.Problem is not null)
        {
            _logger.LogWarning("MCP server {Server}: {Problem}", Name, names.Problem);
        }
    }

    /// <summary>The name the server gave a tool that scripts call by its identifier (<c>get_item</c> → <c>get.item</c>).</summary>
    internal string RemoteNameOf(string tool)
    {
        lock (_gate)
        {
            return _remoteNames.TryGetValue(tool, out var remote) ? remote : tool;
        }
    }

    private TimeSpan Backoff(int failures)
    {
        if (failures <= 1)
        {
            return _options.ReconnectBaseDelay;
        }

        var delay = _options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(delay, _options.ReconnectMaxDelay.TotalMilliseconds));
    }

    /// <summary>What went wrong, by kind: exception messages may quote resolved values, so only the type is shown.</summary>
    internal static string Describe(Exception exception) =>
        exception is McpServerUnavailableException ? exception.Message : exception.GetType().Name;

    private bool TryResolve(string name, McpServerConfig config, out McpServerEndpoint? endpoint, out string? error)
    {
        var resolver = new McpPlaceholderResolver(_options.Environment);
        endpoint = null;
        var problems = new List<string>();
        string Resolve(string value)
        {
            if (resolver.TryResolve(name, value, out var resolved, out var missing))
            {
                return resolved;
            }

            // Every missing variable, once each, so the operator fixes them in one go.
            if (!problems.Contains(missing!, StringComparer.Ordinal))
            {
                problems.Add(missing!);
            }

            return string.Empty;
        }

        var command = config.Command is null ? null : Resolve(config.Command);
        var args = config.Args.Select(Resolve).ToArray();
        var env = config.Env.ToDictionary(pair => pair.Key, pair => Resolve(pair.Value), StringComparer.Ordinal);
        var cwd = config.Cwd is null ? null : Resolve(config.Cwd);
        var url = config.Url is null ? null : Resolve(config.Url);
        var headers = config.Headers.ToDictionary(pair => pair.Key, pair => Resolve(pair.Value), StringComparer.OrdinalIgnoreCase);
        error = problems.Count > 0 ? string.Join("; ", problems) : null;
        if (error is not null)
        {
            return false;
        }

        Uri? uri = null;
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out uri))
        {
            error = $"server '{name}' has a url that is not absolute once its variables are resolved";
            return false;
        }

        endpoint = new McpServerEndpoint
        {
            Name = name,
            Transport = Transport,
            Command = command,
            Args = args,
            Env = env,
            Cwd = cwd,
            Url = uri,
            Headers = headers,
            ConnectTimeout = _options.ConnectTimeout,
        };
        return true;
    }

    private async Task DisposeQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _logger.LogDebug("Disposing the client of {Server} failed: {Kind}", Name, exception.GetType().Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        McpClient? client;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            client = _client;
            _client = null;
        }

        if (client is not null)
        {
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
        }

        _disposed.Dispose();
    }
}
