using System.Diagnostics;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Core.Sandbox;
using CodeMode.Core.Security;
using Microsoft.Extensions.Logging;

namespace CodeMode.Core.Execution;

/// <summary>
/// Runs requests: validates them, leases a warm worker of the runtime's pool, brokers the script's tool calls through
/// the gateway, and turns the sandbox's outcome plus the host's timings and call trace into a <see cref="ScriptResult"/>.
/// </summary>
public sealed class RuntimeManager : IScriptExecutor, IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, RuntimeEntry> _runtimes;
    private readonly IToolGateway _gateway;
    private readonly ProxyCatalogCache _catalog;
    private readonly int _maxCodeBytes;
    private readonly ILogger<RuntimeManager> _logger;
    private int _disposed;

    /// <param name="pools">A pool per runtime name whose language this build can run; a runtime without one answers "not available".</param>
    public RuntimeManager(
        CodeModeConfig config,
        IReadOnlyDictionary<string, ISandboxPool> pools,
        IToolGateway gateway,
        IToolCatalog catalog,
        ILogger<RuntimeManager> logger)
    {
        _gateway = gateway;
        _catalog = new ProxyCatalogCache(catalog);
        _maxCodeBytes = config.Server.MaxCodeBytes;
        _logger = logger;
        _runtimes = config.Runtimes.ToDictionary(
            pair => pair.Key,
            pair => CreateEntry(pair.Key, pair.Value, config, pools.GetValueOrDefault(pair.Key)),
            StringComparer.Ordinal);

        // Workers get the catalog and their runtime's servers before they report ready, so they build the proxies
        // the first request needs during start-up; a later catalog change still reaches them with the next execute.
        foreach (var runtime in _runtimes.Values)
        {
            runtime.Pool?.PrepareWorkersWith(() => _catalog.Current with { Prepare = runtime.Servers });
        }
    }

    /// <summary>Names of the runtimes that can take requests now.</summary>
    public IEnumerable<string> AvailableRuntimes => _runtimes.Values.Where(r => r.Pool is not null).Select(r => r.Name);

    /// <summary>The state of each available runtime's worker pool, for health and status pages.</summary>
    public IReadOnlyDictionary<string, SandboxPoolStatus> GetPoolStatus() =>
        _runtimes.Values
            .Where(r => r.Pool is not null)
            .ToDictionary(r => r.Name, r => r.Pool!.GetStatus());

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var runtime in _runtimes.Values)
        {
            if (runtime.Pool is not null)
            {
                await runtime.Pool.StartAsync(cancellationToken).ConfigureAwait(false);
                await WarmUpAsync(runtime, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<ScriptResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        var runtime = ExecutionRequestValidator.Validate(request, _runtimes, _maxCodeBytes);
        var limits = request.TimeoutMs is { } timeout && timeout != runtime.Limits.TimeoutMs
            ? runtime.Limits with { TimeoutMs = timeout }
            : runtime.Limits;

        var started = Stopwatch.GetTimestamp();
        var executionId = request.ExecutionId ?? Guid.NewGuid().ToString("N");
        var context = new ToolCallContext
        {
            ExecutionId = executionId,
            Runtime = runtime.Name,
            ClientId = request.ClientId,
            AllowedServers = request.ServerScope is null ? runtime.AllowedServers : runtime.AllowedServers.Where(request.ServerScope.Contains).ToHashSet(StringComparer.Ordinal),
            ToolScope = request.ToolScope,
            MaxToolCalls = limits.MaxToolCalls,
        };
        var execute = new ExecuteMessage(executionId, runtime.Config.Language, request.Code, limits, runtime.Config.DeniedOperations, runtime.Servers);

        SandboxOutcome outcome;
        try
        {
            outcome = await runtime.Pool!.RunAsync(execute, _catalog.Current, new GatewayToolHandler(_gateway, context), cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionRejectedException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = SandboxOutcomes.Cancelled();
        }
        catch (Exception ex)
        {
            // A host fault must still answer as data; the detail stays in the host's log.
            _logger.LogError(ex, "Execution {ExecutionId} failed inside the host", executionId);
            outcome = new SandboxOutcome
            {
                Status = ScriptStatus.InternalError,
                Error = new ScriptError(ErrorCodes.InternalError, $"CodeMode could not complete the execution ({ex.GetType().Name}). The host logged the details under execution id {executionId}."),
            };
        }

        return new ScriptResult
        {
            Status = outcome.Status,
            Value = outcome.Value,
            Error = outcome.Error,
            Logs = outcome.Logs,
            ToolCalls = context.Trace,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Limits = limits,
        };
    }

    // One trivial execution through the host's side of the path (lease, configure, execute, outcome) before the host
    // takes requests: otherwise the first real request pays the JIT of all of it (~100 ms on a busy machine).
    // "0" is a value in every runtime's language. Not audited: it is not a request. A failure only costs that warmth.
    private async Task WarmUpAsync(RuntimeEntry runtime, CancellationToken cancellationToken)
    {
        var executionId = "warm-up-" + Guid.NewGuid().ToString("N");
        var context = new ToolCallContext { ExecutionId = executionId, Runtime = runtime.Name, AllowedServers = new HashSet<string>(), MaxToolCalls = 0 };
        try
        {
            var execute = new ExecuteMessage(executionId, runtime.Config.Language, "0", runtime.Limits, runtime.Config.DeniedOperations, runtime.Servers);
            var outcome = await runtime.Pool!.RunAsync(execute, _catalog.Current, new GatewayToolHandler(_gateway, context), cancellationToken).ConfigureAwait(false);
            if (outcome.Status != ScriptStatus.Succeeded)
            {
                _logger.LogWarning("The warm-up execution of the '{Runtime}' runtime ended with {Status}: {Error}", runtime.Name, outcome.Status, outcome.Error?.Message);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "The warm-up execution of the '{Runtime}' runtime failed", runtime.Name);
        }
    }

    /// <summary>Stops every worker process. Safe to call more than once (the host and the container both do).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var runtime in _runtimes.Values)
        {
            if (runtime.Pool is not null)
            {
                await runtime.Pool.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static RuntimeEntry CreateEntry(string name, RuntimeConfig runtime, CodeModeConfig config, ISandboxPool? pool)
    {
        var servers = (runtime.Servers ?? config.McpServers.Keys.ToArray())
            .Where(server => config.McpServers.TryGetValue(server, out var entry) && entry.Enabled)
            .ToArray();
        string? unavailable = null;
        if (!runtime.Enabled)
        {
            unavailable = $"The '{name}' runtime is disabled in runtimes.json (enabled: false).";
        }
        else if (pool is null)
        {
            unavailable = $"The '{name}' runtime ({runtime.Language}) is configured but not available in this build yet. Use the 'javascript' runtime.";
        }

        // The sandbox sees fs/fetch only when granted; the capability gateway, not the server allow-list, guards them.
        var capabilities = RuntimeGrants.From(name, runtime, config.BaseDirectory, config.Security.MaxPayloadBytes).CapabilityServers;
        return new RuntimeEntry(
            name,
            runtime,
            runtime.ToExecutionLimits(),
            servers.ToHashSet(StringComparer.Ordinal),
            [.. servers, .. capabilities],
            unavailable is null ? pool : null,
            unavailable);
    }
}
