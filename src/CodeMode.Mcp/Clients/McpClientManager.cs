using CodeMode.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeMode.Mcp.Clients;

/// <summary>
/// One lazy <see cref="McpServerConnection"/> per enabled server of <c>mcpServers</c>, health checks on an interval,
/// and a <see cref="Version"/> that moves whenever any server's live tool list appears, changes or goes away.
/// </summary>
public sealed class McpClientManager : IAsyncDisposable
{
    private readonly Dictionary<string, McpServerConnection> _connections;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _healthChecks;
    private long _version = 1;

    public McpClientManager(
        IReadOnlyDictionary<string, McpServerConfig> servers,
        SecuritySettings security,
        McpClientManagerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(security);
        options ??= new McpClientManagerOptions();
        var time = timeProvider ?? TimeProvider.System;
        loggers ??= NullLoggerFactory.Instance;
        _connections = new Dictionary<string, McpServerConnection>(StringComparer.Ordinal);
        foreach (var (name, config) in servers)
        {
            if (!config.Enabled)
            {
                continue;
            }

            var connection = new McpServerConnection(
                name, config, security.FallbackToMock && !string.IsNullOrWhiteSpace(config.Mock), options, time, loggers);
            connection.ToolsChanged += () => Interlocked.Increment(ref _version);
            _connections[name] = connection;
        }

        ServerNames = _connections.Keys.ToArray();
        _healthChecks = options.HealthCheckInterval > TimeSpan.Zero && _connections.Count > 0
            ? RunHealthChecksAsync(options.HealthCheckInterval, time)
            : Task.CompletedTask;
    }

    /// <summary>Enabled servers, in configuration order.</summary>
    public IReadOnlyList<string> ServerNames { get; }

    public long Version => Interlocked.Read(ref _version);

    public bool TryGetConnection(string server, out McpServerConnection connection) =>
        _connections.TryGetValue(server, out connection!);

    /// <summary>Every server's status, after giving each lazy server its first connection attempt.</summary>
    public async Task<IReadOnlyList<McpServerStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_connections.Values.Select(connection => Task.Run(connection.EnsureFirstAttempt, cancellationToken))).ConfigureAwait(false);
        return _connections.Values.Select(connection => connection.GetStatus()).ToArray();
    }

    private async Task RunHealthChecksAsync(TimeSpan interval, TimeProvider time)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                // Only servers that were asked for: a lazy server stays unstarted until something needs it.
                await Task.WhenAll(_connections.Values
                    .Where(connection => connection.UnavailableReason is null && (connection.IsConnected || connection.GetStatus().LastError is not null))
                    .Select(connection => connection.PingAsync(_stopping.Token))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        await _healthChecks.ConfigureAwait(false);
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
