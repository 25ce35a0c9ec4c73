using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// The worker's message loop, on two long-lived threads with 256 MB stacks (the JavaScript runtime's recursion
/// limit must trip long before a real stack overflow, which would kill the process). One thread at a time holds
/// the read turn; when it reads an execute it hands the turn to the other and runs the script itself, so the
/// script starts without a thread switch while cancel and tool results are still read. Anything odd from the
/// host ends the process: a worker never guesses.
/// </summary>
internal sealed class WorkerHost
{
    public const int StackBytes = 256 * 1024 * 1024;

    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly IReadOnlyList<ISandboxRuntime> _runtimes;
    private readonly TextWriter _diagnostics;
    private readonly ToolBridge _bridge;
    private readonly SemaphoreSlim _readTurn = new(1, 1);
    private readonly TaskCompletionSource<int> _exitCode = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private ScriptJob? _running;
    private ConfigureMessage? _catalog;

    public WorkerHost(Stream input, Stream output, IReadOnlyList<ISandboxRuntime> runtimes, TextWriter diagnostics)
    {
        _reader = new FrameReader(input);
        _writer = new FrameWriter(output);
        _runtimes = runtimes;
        _diagnostics = diagnostics;
        _bridge = new ToolBridge(_writer);
    }

    /// <summary>The process entry: claims stdin/stdout before <paramref name="createRuntimes"/> or anything else runs.</summary>
    public static int Run(Func<IReadOnlyList<ISandboxRuntime>> createRuntimes)
    {
        ProcessGroup.BecomeLeader();
        var (input, output) = StandardStreams.ClaimForFrames();
        return new WorkerHost(input, output, createRuntimes(), Console.Error).Run();
    }

    /// <summary>
    /// Warms up, reports ready, then serves until shutdown, the end of stdin, a protocol error or a recycle, and
    /// returns the exit code. The loop threads are background threads: returning ends a script still running.
    /// </summary>
    public int Run()
    {
        try
        {
            foreach (var runtime in _runtimes)
            {
                runtime.WarmUp();
            }

            WorkerProtocolWarmUp.EnsureDone();
        }
        catch (Exception ex)
        {
            _diagnostics.WriteLine($"CodeMode worker: warm-up failed: {ex}");
            return WorkerExitCodes.StartupFailed;
        }

        _writer.Write(new ReadyMessage(Environment.ProcessId, [.. _runtimes.Select(r => r.Language)]));
        for (var i = 0; i < 2; i++)
        {
            new Thread(Loop, StackBytes) { IsBackground = true, Name = $"CodeMode worker {i}" }.Start();
        }

        return _exitCode.Task.GetAwaiter().GetResult();
    }

    private void Loop()
    {
        while (!_exitCode.Task.IsCompleted)
        {
            _readTurn.Wait();
            if (ReadUntilExecute() is not { } job)
            {
                return;
            }

            _readTurn.Release();
            var outcome = Execute(job);

            // Free the slot before reporting: the host may send the next execute as soon as it reads done.
            lock (_lock)
            {
                _running = null;
            }

            Complete(job, outcome);
        }
    }

    // Reads and handles frames until an execute arrives; null when the worker must stop.
    private ScriptJob? ReadUntilExecute()
    {
        while (true)
        {
            WorkerMessage? message;
            try
            {
                message = _reader.Read();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                return Stop(ProtocolError(ex.Message));
            }

            switch (message)
            {
                case null:
                case ShutdownMessage:
                    // The end of stdin means the host is gone: a worker never outlives it.
                    return Stop(WorkerExitCodes.Normal);
                case ConfigureMessage configure when configure.Servers is not null:
                    _catalog = configure;
                    break;
                case ExecuteMessage execute when IsComplete(execute):
                    lock (_lock)
                    {
                        if (_running is not null)
                        {
                            return Stop(ProtocolError($"execute {execute.ExecutionId} arrived while another execution was running"));
                        }

                        return _running = new ScriptJob(execute, _catalog);
                    }

                case CancelMessage cancel:
                    Cancel(cancel.ExecutionId);
                    break;
                case ToolResultMessage result:
                    _bridge.Complete(result);
                    break;
                default:
                    return Stop(ProtocolError($"unexpected message {message.GetType().Name}"));
            }
        }
    }

    private void Cancel(string executionId)
    {
        ScriptJob? job;
        lock (_lock)
        {
            job = _running;
        }

        // A cancel for an execution that already ended is normal (it crossed the done message): ignore it.
        if (job is not null && job.ExecutionId == executionId)
        {
            job.Cancel();
        }
    }

    private SandboxOutcome Execute(ScriptJob job)
    {
        var message = job.Message;
        var runtime = _runtimes.FirstOrDefault(r => r.Language == message.Language);
        if (runtime is null)
        {
            return WorkerOutcomes.InternalError($"This sandbox worker has no '{message.Language}' runtime.", recycle: false);
        }

        var execution = new SandboxExecution(
            message.ExecutionId, message.Code, message.Limits, message.DeniedOperations ?? [], ProxiesFor(job.Catalog, message.Servers));
        _bridge.Begin(message.ExecutionId, message.Limits.TimeoutMs, job.CancellationToken);
        try
        {
            return runtime.Execute(execution, _bridge, job.CancellationToken);
        }
        catch (OutOfMemoryException)
        {
            // The process heap ceiling (DOTNET_GCHeapHardLimit) caught what the runtime's own check missed.
            return WorkerOutcomes.MemoryLimit(message.Limits.MemoryLimitBytes);
        }
        catch (Exception ex)
        {
            _diagnostics.WriteLine($"CodeMode worker: runtime '{runtime.Language}' threw: {ex}");
            return WorkerOutcomes.InternalError("The sandbox runtime failed unexpectedly.", recycle: true);
        }
        finally
        {
            _bridge.End();
        }
    }

    private void Complete(ScriptJob job, SandboxOutcome outcome)
    {
        try
        {
            _writer.Write(new DoneMessage(job.ExecutionId, outcome));
        }
        catch (IOException)
        {
            Stop(WorkerExitCodes.Normal);
            return;
        }
        catch (OutOfMemoryException)
        {
            // The host recognises this line and reports memoryLimit instead of a crash.
            _diagnostics.WriteLine("CodeMode worker: OutOfMemoryException while reporting an execution.");
            Stop(WorkerExitCodes.OutOfMemory);
            return;
        }

        if (outcome.Recycle)
        {
            Stop(WorkerExitCodes.Recycled);
        }
        else if (outcome.Status == ScriptStatus.MemoryLimit)
        {
            // Give the script's garbage back now rather than let the next execution start near the ceiling.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private static IReadOnlyList<ProxyServer> ProxiesFor(ConfigureMessage? catalog, IReadOnlyList<string>? servers)
    {
        if (catalog is null || servers is null || servers.Count == 0)
        {
            return [];
        }

        return [.. catalog.Servers.Where(s => servers.Contains(s.Name, StringComparer.Ordinal))];
    }

    private static bool IsComplete(ExecuteMessage execute) =>
        execute.ExecutionId is not null && execute.Language is not null && execute.Code is not null && execute.Limits is not null;

    private ScriptJob? Stop(int exitCode)
    {
        _exitCode.TrySetResult(exitCode);
        return null;
    }

    private int ProtocolError(string detail)
    {
        _diagnostics.WriteLine($"CodeMode worker: protocol error: {detail}");
        return WorkerExitCodes.ProtocolError;
    }
}
