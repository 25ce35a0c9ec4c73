using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using Microsoft.Extensions.Logging;

using CodeMode.Core.Execution;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// A warm pool of sandbox worker processes for one runtime. Each worker runs one execution at a time; callers wait
/// for a free worker in FIFO order, up to <see cref="SandboxPoolOptions.MaxQueuedExecutions"/>. The host owns the
/// wall-clock kill timer of every execution. A worker that breached a limit, crashed, broke the protocol or asked
/// to be recycled is killed and replaced in the background, so the next caller finds a warm worker.
/// </summary>
public sealed class SandboxWorkerPool : ISandboxPool
{
    private const int MaxDeliveryAttempts = 3;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxStartBackoff = TimeSpan.FromSeconds(30);

    private readonly SandboxPoolOptions _options;
    private readonly ILogger<SandboxWorkerPool> _logger;
    private readonly TimeProvider _time;
    private readonly Func<bool, IWorkerProcess> _launch;
    private Func<ConfigureMessage>? _firstConfigure;
    private readonly Lock _lock = new();
    private readonly List<SandboxWorker> _idle = [];
    private readonly HashSet<SandboxWorker> _live = [];
    private readonly LinkedList<TaskCompletionSource<SandboxWorker>> _waiters = new();
    private readonly HashSet<Task> _startTasks = [];
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _disposing = new();
    private int _busy;
    private int _starting;
    private int _initialStartsLeft;
    private int _consecutiveStartFailures;
    private long _workersStarted;
    private long _workersReplaced;
    private bool _startRequested;
    private bool _disposed;

    public SandboxWorkerPool(SandboxPoolOptions options, ILogger<SandboxWorkerPool> logger, TimeProvider? timeProvider = null)
        : this(options, logger, timeProvider, launch: null)
    {
    }

    /// <param name="launch">Starts one worker; null for real processes (tests stand in misbehaving workers).</param>
    internal SandboxWorkerPool(
        SandboxPoolOptions options, ILogger<SandboxWorkerPool> logger, TimeProvider? timeProvider, Func<IWorkerProcess>? launch)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Language);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MemoryLimitBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PoolSize);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxQueuedExecutions);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.WorkerStartTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KillGrace, TimeSpan.Zero);

        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        if (launch is null)
        {
            var workerLaunch = new WorkerLaunch(options);
            _launch = configureFirst => OsWorkerProcess.Start(workerLaunch, configureFirst);
        }
        else
        {
            _launch = _ => launch();
        }

        // Observed here so a start failure nobody awaited does not surface as an unobserved task exception.
        _firstReady.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Starts <see cref="SandboxPoolOptions.PoolSize"/> warm workers and returns when at least one is ready. Throws
    /// <see cref="TimeoutException"/> or <see cref="InvalidOperationException"/> when none became ready within
    /// <see cref="SandboxPoolOptions.WorkerStartTimeout"/>; the pool keeps trying in the background.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureStartedLocked();
            if (_idle.Count > 0 || _busy > 0)
            {
                return Task.CompletedTask;
            }
        }

        WorkerProtocolWarmUp.EnsureDone();
        return _firstReady.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs one execution on a warm worker, sending <paramref name="catalog"/> first if the worker has an older one.
    /// Anything the script causes — including timeouts, crashes and cancellation once it runs — is an outcome.
    /// Throws <see cref="ExecutionRejectedException"/> (<c>CM6008</c>) when the queue is full and
    /// <see cref="OperationCanceledException"/> when cancelled before a worker was free.
    /// </summary>
    public async Task<SandboxOutcome> RunAsync(
        ExecuteMessage execute, ConfigureMessage catalog, ISandboxToolHandler tools, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execute);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(execute.Limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(execute.Limits.TimeoutMs);
        if (!string.Equals(execute.Language, _options.Language, StringComparison.Ordinal))
        {
            throw new ArgumentException($"This pool runs '{_options.Language}', not '{execute.Language}'.", nameof(execute));
        }

        for (var attempt = 1; ; attempt++)
        {
            SandboxWorker worker;
            try
            {
                worker = await LeaseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WorkerUnavailableException)
            {
                return SandboxOutcomes.Unavailable(_options.Language);
            }

            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                return await worker.RunAsync(execute, catalog, tools, cancellationToken).ConfigureAwait(false);
            }
            catch (WorkerUnreachableException) when (attempt < MaxDeliveryAttempts)
            {
                // It died while idle and the script never reached it: run it on another worker.
            }
            catch (WorkerUnreachableException)
            {
                return SandboxOutcomes.Unavailable(_options.Language);
            }
            finally
            {
                Release(worker);
            }
        }
    }

    /// <summary>
    /// Workers started from now on get <paramref name="firstConfigure"/>'s catalog before anything else and build the
    /// proxies it names before they report ready (the first request then finds them compiled). Call before start.
    /// </summary>
    public void PrepareWorkersWith(Func<ConfigureMessage> firstConfigure)
    {
        ArgumentNullException.ThrowIfNull(firstConfigure);
        Volatile.Write(ref _firstConfigure, firstConfigure);
    }

    public SandboxPoolStatus GetStatus()
    {
        lock (_lock)
        {
            return new SandboxPoolStatus(
                _options.Language, _idle.Count, _busy, _starting, _waiters.Count, _workersStarted, _workersReplaced);
        }
    }

    /// <summary>For tests and diagnostics: the process ids of every worker the pool owns (starting, ready or busy).</summary>
    internal IReadOnlyList<int> GetWorkerProcessIds()
    {
        lock (_lock)
        {
            return [.. _live.Select(w => w.ProcessId)];
        }
    }

    /// <summary>Refuses waiting callers, asks idle workers to exit, kills running and leftover workers, and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        SandboxWorker[] workers;
        SandboxWorker[] idle;
        TaskCompletionSource<SandboxWorker>[] waiters;
        Task[] starts;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            workers = [.. _live];
            idle = [.. _idle];
            _idle.Clear();
            waiters = [.. _waiters];
            _waiters.Clear();
            starts = [.. _startTasks];
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        var disposed = new ObjectDisposedException(nameof(SandboxWorkerPool));
        _firstReady.TrySetException(disposed);
        foreach (var waiter in waiters)
        {
            waiter.TrySetException(disposed);
        }

        foreach (var worker in workers.Except(idle))
        {
            worker.Abort();
        }

        try
        {
            // Not awaited one by one: a worker that stopped reading its stdin must not hold up the others.
            await Task.WhenAll(idle.Select(w => w.RequestShutdownAsync())).WaitAsync(ShutdownGrace, _time).ConfigureAwait(false);
            await Task.WhenAll(workers.Select(w => w.Exited)).WaitAsync(ShutdownGrace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // CloseAsync below kills whoever ignored the shutdown message.
        }

        try
        {
            await Task.WhenAll(starts).WaitAsync(ShutdownGrace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A start that has not noticed the shutdown yet kills its own process when it does.
        }

        foreach (var worker in workers)
        {
            worker.TryRetire();
            await worker.CloseAsync().ConfigureAwait(false);
        }
    }

    private ValueTask<SandboxWorker> LeaseAsync(CancellationToken cancellationToken)
    {
        var leased = TryLeaseIdle(out var dead);
        foreach (var worker in dead ?? [])
        {
            Discard(worker, replace: true);
        }

        return leased is not null ? ValueTask.FromResult(leased) : EnqueueAsync(cancellationToken);
    }

    private SandboxWorker? TryLeaseIdle(out List<SandboxWorker>? dead)
    {
        dead = null;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureStartedLocked();

            // Last in, first out: the most recently used worker has the warmest caches.
            while (_idle.Count > 0)
            {
                var worker = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                if (worker.IsReusable)
                {
                    _busy++;
                    return worker;
                }

                // Died while idle, before its exit watcher got to it.
                (dead ??= []).Add(worker);
            }

            return null;
        }
    }

    private ValueTask<SandboxWorker> EnqueueAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<SandboxWorker> waiter;
        LinkedListNode<TaskCompletionSource<SandboxWorker>> node;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            if (_waiters.Count >= _options.MaxQueuedExecutions)
            {
                throw new ExecutionRejectedException(
                    ErrorCodes.QueueFull,
                    $"All {_options.PoolSize} '{_options.Language}' sandbox workers are busy and {_waiters.Count} executions are already waiting.",
                    RetryAfter);
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new TaskCompletionSource<SandboxWorker>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        return WaitForWorkerAsync(node, cancellationToken);
    }

    private async ValueTask<SandboxWorker> WaitForWorkerAsync(
        LinkedListNode<TaskCompletionSource<SandboxWorker>> node, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static (s, ct) => ((WaiterCancellation)s!).Cancel(ct), new WaiterCancellation(this, node)))
        {
            return await node.Value.Task.ConfigureAwait(false);
        }
    }

    private void Release(SandboxWorker worker)
    {
        if (!worker.IsReusable)
        {
            lock (_lock)
            {
                _busy--;
            }

            Discard(worker, replace: true);
            return;
        }

        lock (_lock)
        {
            _busy--;
            if (!_disposed)
            {
                HandOverLocked(worker);
                return;
            }
        }

        Discard(worker, replace: false);
    }

    // Gives a ready worker to the longest waiting caller, or keeps it idle.
    private void HandOverLocked(SandboxWorker worker)
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            _busy++;
            if (first.Value.TrySetResult(worker))
            {
                return;
            }

            _busy--;
        }

        _idle.Add(worker);
    }

    private void Discard(SandboxWorker worker, bool replace)
    {
        if (!worker.TryRetire())
        {
            return;
        }

        lock (_lock)
        {
            _live.Remove(worker);
            _idle.Remove(worker);
            replace &= !_disposed;
            if (replace)
            {
                _workersReplaced++;
                _starting++;
            }
        }

        SandboxLog.WorkerDiscarded(_logger, worker.ProcessId, _options.Language, worker.DiscardReason, worker.Stderr.ToString());
        _ = worker.CloseAsync();
        if (replace)
        {
            BeginStart();
        }
    }

    private void EnsureStartedLocked()
    {
        if (_startRequested)
        {
            return;
        }

        _startRequested = true;
        _starting += _options.PoolSize;

        // One at a time: on a small machine workers warming up together (Roslyn's JIT for csharp) each take as long
        // as all of them, so the first would be ready no sooner than the last and all would near the start timeout.
        _initialStartsLeft = _options.PoolSize - 1;
        BeginStart();
    }

    // The previous initial start ended (ready or failed): begin the next one, if any. Replacements start at once.
    private void BeginNextInitialStart()
    {
        lock (_lock)
        {
            if (_initialStartsLeft == 0 || _disposed)
            {
                return;
            }

            _initialStartsLeft--;
        }

        BeginStart();
    }

    // The caller has counted the start in _starting. Task.Run: Process.Start blocks for the spawn, never the caller.
    private void BeginStart()
    {
        var start = Task.Run(StartWorkerAsync);
        lock (_lock)
        {
            _startTasks.Add(start);
        }

        start.ContinueWith(
            (t, s) =>
            {
                var pool = (SandboxWorkerPool)s!;
                lock (pool._lock)
                {
                    pool._startTasks.Remove(t);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task StartWorkerAsync()
    {
        SandboxWorker? worker = null;
        var started = _time.GetTimestamp();
        try
        {
            var first = FirstConfigure();
            worker = new SandboxWorker(_launch(first is not null), _options, _time, _logger);
            lock (_lock)
            {
                _workersStarted++;
                _live.Add(worker);
            }

            // Not awaited before ready: the start timeout inside WaitReadyAsync covers a worker that never reads it.
            var configured = first is null ? Task.FromResult(true) : worker.SendFirstConfigureAsync(first);
            await worker.WaitReadyAsync(_disposing.Token).ConfigureAwait(false);
            if (!await configured.ConfigureAwait(false))
            {
                worker.Kill("lost its first configure");
                throw new InvalidOperationException("The sandbox worker reported ready without reading its catalog.");
            }

            SandboxLog.WorkerReady(_logger, worker.ProcessId, _options.Language, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            _ = WatchExitAsync(worker);
            lock (_lock)
            {
                _starting--;
                _consecutiveStartFailures = 0;
                if (!_disposed)
                {
                    HandOverLocked(worker);
                }
            }

            _firstReady.TrySetResult();
            BeginNextInitialStart();
        }
        catch (Exception ex)
        {
            BeginNextInitialStart();
            await OnStartFailedAsync(worker, ex).ConfigureAwait(false);
        }
    }

    // A catalog that cannot be read now must not stop workers from starting: they learn it from the first execution.
    private ConfigureMessage? FirstConfigure()
    {
        try
        {
            return Volatile.Read(ref _firstConfigure)?.Invoke();
        }
        catch (Exception ex)
        {
            SandboxLog.FirstConfigureFailed(_logger, ex, _options.Language);
            return null;
        }
    }

    private async Task OnStartFailedAsync(SandboxWorker? worker, Exception exception)
    {
        TaskCompletionSource<SandboxWorker>[] abandoned = [];
        bool noneLeft;
        TimeSpan delay;
        int failures;
        lock (_lock)
        {
            _starting--;
            if (worker is not null)
            {
                _live.Remove(worker);
            }

            if (_disposed)
            {
                noneLeft = false;
                delay = default;
                failures = 0;
            }
            else
            {
                failures = ++_consecutiveStartFailures;
                noneLeft = _live.Count == 0 && _starting == 0;
                if (noneLeft)
                {
                    abandoned = [.. _waiters];
                    _waiters.Clear();
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(MaxStartBackoff.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures - 1, 10))));
            }
        }

        var stderr = worker?.Stderr.ToString() ?? string.Empty;
        if (worker is not null)
        {
            worker.TryRetire();
            await worker.CloseAsync().ConfigureAwait(false);
            stderr = worker.Stderr.ToString();
        }

        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        SandboxLog.WorkerStartFailed(_logger, exception, _options.Language, stderr);
        if (noneLeft)
        {
            _firstReady.TrySetException(exception);
            foreach (var waiter in abandoned)
            {
                waiter.TrySetException(new WorkerUnavailableException());
            }
        }

        SandboxLog.StartRetryScheduled(_logger, _options.Language, (long)delay.TotalMilliseconds, failures);
        try
        {
            await Task.Delay(delay, _time, _disposing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _starting++;
        }

        BeginStart();
    }

    private async Task WatchExitAsync(SandboxWorker worker)
    {
        await worker.Exited.ConfigureAwait(false);
        bool idle;
        lock (_lock)
        {
            idle = _idle.Contains(worker);
        }

        // A busy worker's exit is reported and replaced by its execution; only an idle one is handled here.
        if (idle)
        {
            Discard(worker, replace: true);
        }
    }

    private sealed class WaiterCancellation(SandboxWorkerPool pool, LinkedListNode<TaskCompletionSource<SandboxWorker>> node)
    {
        public void Cancel(CancellationToken cancellationToken)
        {
            lock (pool._lock)
            {
                // Still queued: leave the queue. Already handed a worker: the caller releases it after the lease.
                if (node.List is not null)
                {
                    pool._waiters.Remove(node);
                    node.Value.TrySetCanceled(cancellationToken);
                }
            }
        }
    }
}
