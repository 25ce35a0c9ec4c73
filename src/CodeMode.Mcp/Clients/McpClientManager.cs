using CodeMode.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeMode.Mcp.Clients;

/// <summary>
/// One lazy <see cref="McpServerConnection"/> per enabled server of <c>mcpServers</c> (credentials resolved at once:
/// a required server's missing <c>${VAR}</c> fails construction), health checks on an interval, and a
/// <see cref="Version"/> that moves whenever any server's live tool list appears, changes or goes away.
/// </summary>
public sealed class McpClientManager : IAsyncDisposable
{
    private readonly Dictionary<string, McpServerConnection> _connections;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _healthChecks;
    private long _version = 1;
    private long _completedHealthChecks;

    /// <exception cref="ConfigurationException">
    /// A required (not <c>optional</c>) enabled server has a <c>${VAR}</c> that neither the environment nor a
    /// <c>VAR_FILE</c> provides; every such server is listed, each with its missing variables (never a value).
    /// </exception>
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
        var logger = loggers.CreateLogger<McpClientManager>();
        var missing = new List<ConfigurationError>();
        foreach (var (name, config) in servers)
        {
            if (!config.Enabled)
            {
                continue;
            }

            var connection = new McpServerConnection(
                name, config, security.FallbackToMock && !string.IsNullOrWhiteSpace(config.Mock), options, time, loggers);
            if (connection.UnavailableReason is { } reason)
            {
                if (!config.Optional)
                {
                    missing.Add(MissingCredential(name, reason));
                    continue;
                }

                logger.LogWarning("MCP server {Server} is optional and unavailable: {Reason}", name, reason);
            }

            connection.ToolsChanged += () => Interlocked.Increment(ref _version);
            _connections[name] = connection;
        }

        if (missing.Count > 0)
        {
            // A required server that can never start is a configuration error, reported before anything runs.
            throw new ConfigurationException(CredentialsSource, missing);
        }

        ServerNames = _connections.Keys.ToArray();
        _healthChecks = options.HealthCheckInterval > TimeSpan.Zero && _connections.Count > 0
            ? RunHealthChecksAsync(options.HealthCheckInterval, time)
            : Task.CompletedTask;
    }

    /// <summary>What start-up errors about missing variables name as their source.</summary>
    public const string CredentialsSource = "environment";

    /// <summary>Enabled servers, in configuration order.</summary>
    public IReadOnlyList<string> ServerNames { get; }

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Rounds of health checks finished so far; lets tests on a manual clock know a round is over.</summary>
    internal long CompletedHealthChecks => Interlocked.Read(ref _completedHealthChecks);

    public bool TryGetConnection(string server, out McpServerConnection connection) =>
        _connections.TryGetValue(server, out connection!);

    /// <summary>Every server's status, after giving each lazy server its first connection attempt.</summary>
    public async Task<IReadOnlyList<McpServerStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_connections.Values.Select(connection => Task.Run(connection.EnsureFirstAttempt, cancellationToken))).ConfigureAwait(false);
        return _connections.Values.Select(connection => connection.GetStatus()).ToArray();
    }

    private static ConfigurationError MissingCredential(string name, string reason) => new(
        $"mcpServers.{name}",
        reason,
        "set the variable (or NAME_FILE naming a file that holds it) in the host's environment; or mark the server \"optional\": true "
        + "to start without it (its mock answers when it has one); or set \"enabled\": false; or run with --offline");

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
                    .Select(connection => connection.CheckHealthAsync(_stopping.Token))).ConfigureAwait(false);
                Interlocked.Increment(ref _completedHealthChecks);
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
