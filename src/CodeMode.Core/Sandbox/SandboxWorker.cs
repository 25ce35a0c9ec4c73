using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using Microsoft.Extensions.Logging;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// The host's end of one worker process: its frame channel, its stderr tail, and one execution at a time under a
/// wall-clock kill timer. Everything the worker sends is untrusted: anything unexpected kills it.
/// </summary>
internal sealed partial class SandboxWorker
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StderrWait = TimeSpan.FromSeconds(1);

    private readonly IWorkerProcess _process;
    private readonly WorkerInbox _inbox;
    private readonly FrameWriter _writer;
    private readonly SandboxPoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private RunningExecution? _current;
    private volatile bool _reusable = true;
    private volatile bool _startTimedOut;
    private int _retired;
    private bool _configured;
    private long _catalogVersion;

    public SandboxWorker(IWorkerProcess process, SandboxPoolOptions options, TimeProvider time, ILogger logger)
    {
        _process = process;
        _options = options;
        _time = time;
        _logger = logger;
        ProcessId = process.Id;
        _inbox = WorkerInbox.Start(process.Output, process.Id);
        _writer = new FrameWriter(process.Input);
        Stderr = new StderrTail(process.Error);
    }

    public int ProcessId { get; }

    public StderrTail Stderr { get; }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => _process.Exited;

    /// <summary>False once the worker was killed, crashed, misbehaved or asked to be recycled.</summary>
    public bool IsReusable => _reusable && !Exited.IsCompleted;

    /// <summary>Why the worker stopped being reusable, for the log.</summary>
    public string DiscardReason { get; private set; } = "exited";

    /// <summary>Waits for the ready message; kills the process and throws if it does not come in time.</summary>
    public async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        WorkerMessage? message;
        using (_time.CreateTimer(static s => ((SandboxWorker)s!).OnStartTimeout(), this, _options.WorkerStartTimeout, Timeout.InfiniteTimeSpan))
        using (cancellationToken.UnsafeRegister(static s => ((SandboxWorker)s!).Kill("start cancelled"), this))
        {
            try
            {
                message = await _inbox.ReadAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                Kill("sent garbage before ready");
                throw new InvalidOperationException($"The sandbox worker broke the protocol before it was ready: {ex.Message}", ex);
            }
        }

        if (message is ReadyMessage ready && ready.Languages?.Contains(_options.Language, StringComparer.Ordinal) == true)
        {
            return;
        }

        Kill("not ready");
        cancellationToken.ThrowIfCancellationRequested();
        if (_startTimedOut)
        {
            throw new TimeoutException(
                $"The {_options.Language} sandbox worker did not report ready within {_options.WorkerStartTimeout.TotalMilliseconds:0} ms.");
        }

        if (message is not null)
        {
            throw new InvalidOperationException(message is ReadyMessage other
                ? $"The sandbox worker offers [{string.Join(", ", other.Languages ?? [])}], not '{_options.Language}'."
                : $"The sandbox worker sent {message.GetType().Name} before it was ready.");
        }

        throw new InvalidOperationException($"The sandbox worker exited before it was ready (exit code {await ExitCodeAsync().ConfigureAwait(false)}).");
    }

    /// <summary>
    /// Sends <paramref name="catalog"/> as the first frame to a worker launched with configure-first, which reads it
    /// before its warm-up; false when the worker went away. Later executions send a catalog only when it changed.
    /// </summary>
    public async Task<bool> SendFirstConfigureAsync(ConfigureMessage catalog)
    {
        _configured = true;
        _catalogVersion = catalog.CatalogVersion;
        try
        {
            await _writer.WriteAsync(catalog).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs one execution. Throws <see cref="WorkerUnreachableException"/> when the execute never reached the
    /// worker (it died while idle), so the caller can try another; every other ending is an outcome.
    /// </summary>
    public async Task<SandboxOutcome> RunAsync(
        ExecuteMessage execute, ConfigureMessage catalog, ISandboxToolHandler tools, CancellationToken cancellationToken)
    {
        // Decided per execution, so the worker and the inbox thread spin or block together (ReplySpinAllowance).
        var replySpin = _options.ReplySpin.Enter();
        var run = new RunningExecution(this, execute.ReplySpin == replySpin ? execute : execute with { ReplySpin = replySpin }, tools);
        Volatile.Write(ref _current, run);
        try
        {
            // Armed before the first write: a worker that stops reading stdin must not hang the host either.
            run.StartDeadline();
            try
            {
                if (!_configured || _catalogVersion != catalog.CatalogVersion)
                {
                    await _writer.WriteAsync(catalog).ConfigureAwait(false);
                    _configured = true;
                    _catalogVersion = catalog.CatalogVersion;
                }

                await _writer.WriteAsync(run.Message).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                _reusable = false;
                if (run.KillReason == KillReason.None)
                {
                    throw new WorkerUnreachableException(ex);
                }

                return await EndedAsync(run).ConfigureAwait(false);
            }

            // Registered only now, so a cancel can never overtake its execute on the channel.
            run.WatchCancellation(cancellationToken);
            return await ReceiveAsync(run).ConfigureAwait(false);
        }
        finally
        {
            _options.ReplySpin.Leave();
            run.End();
            Volatile.Write(ref _current, null);
        }
    }

    /// <summary>Asks an idle worker to exit.</summary>
    public async Task RequestShutdownAsync()
    {
        try
        {
            await _writer.WriteAsync(new ShutdownMessage()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>Host shutdown: a running execution ends as cancelled, and the process is killed.</summary>
    public void Abort()
    {
        if (Volatile.Read(ref _current) is { } run)
        {
            run.Kill(KillReason.Shutdown);
        }
        else
        {
            Kill("host shutting down");
        }
    }

    /// <summary>Only the first caller gets true: the pool discards and replaces a worker once.</summary>
    public bool TryRetire() => Interlocked.Exchange(ref _retired, 1) == 0;

    public void Kill(string reason)
    {
        if (_reusable)
        {
            DiscardReason = reason;
            _reusable = false;
        }

        _process.Kill();
    }

    /// <summary>Kills the process if needed and releases it once it has exited.</summary>
    public async Task CloseAsync()
    {
        Kill("closed");
        try
        {
            await Exited.WaitAsync(ExitWait, _time).ConfigureAwait(false);
            await Stderr.Completion.WaitAsync(StderrWait, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Dispose anyway; the kill has been sent.
        }

        _process.Dispose();
    }

    private void OnStartTimeout()
    {
        _startTimedOut = true;
        Kill("start timed out");
    }

    private async Task<SandboxOutcome> ReceiveAsync(RunningExecution run)
    {
        var executionId = run.Message.ExecutionId;
        var toolCalls = 0;
        while (true)
        {
            WorkerMessage? message;
            try
            {
                message = await _inbox.ReadAsync(run.Killed).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                return Violation(run, ex.Message);
            }
            catch (OperationCanceledException) when (run.Killed.IsCancellationRequested)
            {
                // The host killed the worker: the channel is abandoned with it.
                message = null;
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                message = null;
            }

            switch (message)
            {
                case DoneMessage { Outcome: { } outcome } done when done.ExecutionId == executionId:
                    if (!run.TryComplete())
                    {
                        // The host already decided to kill: its verdict stands.
                        return await EndedAsync(run).ConfigureAwait(false);
                    }

                    if (outcome.Recycle)
                    {
                        _reusable = false;
                        DiscardReason = $"recycle requested after {outcome.Status}";
                    }

                    return outcome;
                case ToolCallMessage { Server: not null, Tool: not null } call when call.ExecutionId == executionId:
                    // The runtime refuses the call past the limit before sending it: one more means the worker is not ours.
                    if (++toolCalls > run.Message.Limits.MaxToolCalls)
                    {
                        return Violation(run, $"tool call {toolCalls} exceeds the limit of {run.Message.Limits.MaxToolCalls}");
                    }

                    HandleToolCall(run, call);
                    break;
                case null:
                    return await EndedAsync(run).ConfigureAwait(false);
                default:
                    return Violation(run, $"unexpected {message.GetType().Name} during execution {executionId}");
            }
        }
    }

    private SandboxOutcome Violation(RunningExecution run, string detail)
    {
        SandboxLog.ProtocolViolation(_logger, ProcessId, detail);
        return Verdict(run, run.Kill(KillReason.ProtocolViolation));
    }

    /// <summary>The channel ended: the host killed the worker, or it died by itself.</summary>
    private async Task<SandboxOutcome> EndedAsync(RunningExecution run)
    {
        var reason = run.Finish();
        if (reason != KillReason.None)
        {
            return Verdict(run, reason);
        }

        // It closed stdout by itself: make sure it is really gone before reading why.
        Kill("exited during an execution");
        var exitCode = await ExitCodeAsync().ConfigureAwait(false);
        try
        {
            await Stderr.Completion.WaitAsync(StderrWait, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Classify with what arrived.
        }

        DiscardReason = $"exited with code {exitCode} during execution {run.Message.ExecutionId}";
        return Stderr.SawOutOfMemory
            ? SandboxOutcomes.MemoryLimit(run.Message.Limits.MemoryLimitBytes)
            : SandboxOutcomes.Crashed(exitCode);
    }

    private SandboxOutcome Verdict(RunningExecution run, KillReason reason)
    {
        _reusable = false;
        DiscardReason = $"killed: {reason}";
        return reason switch
        {
            KillReason.Timeout => SandboxOutcomes.Timeout(run.Message.Limits.TimeoutMs),
            KillReason.Cancelled => SandboxOutcomes.Cancelled(),
            KillReason.Shutdown => SandboxOutcomes.ShuttingDown(),
            _ => SandboxOutcomes.ProtocolViolation(),
        };
    }

    private async Task<int> ExitCodeAsync()
    {
        try
        {
            await Exited.WaitAsync(ExitWait, _time).ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            return -1;
        }
    }

    /// <summary>
    /// Answers one proxy call. Runs on the worker's inbox thread: a call the gateway answers at once (the mocks, a
    /// refusal) is written back synchronously from here — the worker is blocked reading for exactly this frame, so the
    /// write does not wait — and one that goes out to a server is answered from wherever it completes. Only after an
    /// answer at once does the inbox thread stay awake for the script's next frame.
    /// </summary>
    private void HandleToolCall(RunningExecution run, ToolCallMessage call)
    {
        var cancellationToken = run.ToolCancellationToken;
        ValueTask<ToolBridgeResult> pending;
        try
        {
            pending = run.Tools.HandleAsync(call, cancellationToken);
        }
        catch (Exception ex)
        {
            pending = ValueTask.FromException<ToolBridgeResult>(ex);
        }

        if (!pending.IsCompleted)
        {
            _ = AnswerLaterAsync(run, call, pending);
            return;
        }

        if (Settle(run, call, pending) is { } result)
        {
            AnswerNow(call, result);
            if (run.Message.ReplySpin)
            {
                _inbox.SpinForNextFrame();
            }
        }
    }

    private async Task AnswerLaterAsync(RunningExecution run, ToolCallMessage call, ValueTask<ToolBridgeResult> pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch
        {
            // Settle reads the outcome, exception included.
        }

        if (Settle(run, call, pending) is { } result)
        {
            try
            {
                await _writer.WriteAsync(new ToolResultMessage(call.ExecutionId, call.CallId, result)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The worker is gone; the execution's own read reports why.
            }
        }
    }

    /// <summary>The answer to send, or null when nobody waits for one any more.</summary>
    private ToolBridgeResult? Settle(RunningExecution run, ToolCallMessage call, ValueTask<ToolBridgeResult> completed)
    {
        ToolBridgeResult? result;
        try
        {
            result = completed.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (run.ToolCancellationToken.IsCancellationRequested)
        {
            // The execution ended, timed out or was cancelled: the worker no longer waits for this answer.
            return null;
        }
        catch (Exception ex)
        {
            SandboxLog.ToolHandlerFailed(_logger, ex, call.Server, call.Tool, call.ExecutionId);
            result = null;
        }

        return run.HasEnded
            ? null
            : result ?? ToolBridgeResult.FromAbort(ScriptStatus.InternalError, ErrorCodes.InternalError, "The host failed to handle the tool call.");
    }

    private void AnswerNow(ToolCallMessage call, ToolBridgeResult result)
    {
        try
        {
            _writer.Write(new ToolResultMessage(call.ExecutionId, call.CallId, result));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The worker is gone; the execution's own read reports why.
        }
    }

    private async Task SendCancelAsync(string executionId, bool timedOut)
    {
        try
        {
            await _writer.WriteAsync(new CancelMessage(executionId, timedOut)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The worker is gone; the execution's own read reports why.
        }
    }
}
