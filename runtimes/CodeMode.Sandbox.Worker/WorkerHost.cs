using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// The worker's message loop. The calling thread reads frames from the host and dispatches them; scripts run on
/// the <see cref="ScriptThread"/>, so cancel and tool results still arrive while a script runs or blocks.
/// Anything odd from the host ends the process: a worker never guesses.
/// </summary>
internal sealed class WorkerHost
{
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly IReadOnlyList<ISandboxRuntime> _runtimes;
    private readonly TextWriter _diagnostics;
    private readonly Action<int> _terminate;
    private readonly ToolBridge _bridge;
    private readonly ScriptThread _script;
    private ConfigureMessage? _catalog;

    /// <param name="terminate">Ends the process from the script thread (Environment.Exit in production).</param>
    public WorkerHost(Stream input, Stream output, IReadOnlyList<ISandboxRuntime> runtimes, TextWriter diagnostics, Action<int> terminate)
    {
        _reader = new FrameReader(input);
        _writer = new FrameWriter(output);
        _runtimes = runtimes;
        _diagnostics = diagnostics;
        _terminate = terminate;
        _bridge = new ToolBridge(_writer);
        _script = new ScriptThread(Execute, Complete);
    }

    /// <summary>The process entry: claims stdin/stdout before <paramref name="createRuntimes"/> or anything else runs.</summary>
    public static int Run(Func<IReadOnlyList<ISandboxRuntime>> createRuntimes)
    {
        var (input, output) = StandardStreams.ClaimForFrames();
        var host = new WorkerHost(input, output, createRuntimes(), Console.Error, Environment.Exit);
        return host.Run();
    }

    /// <summary>Warms up, reports ready, then serves until shutdown or the end of stdin; returns the exit code.</summary>
    public int Run()
    {
        try
        {
            foreach (var runtime in _runtimes)
            {
                runtime.WarmUp();
            }

            ProtocolWarmUp.Run();
        }
        catch (Exception ex)
        {
            _diagnostics.WriteLine($"CodeMode worker: warm-up failed: {ex}");
            return WorkerExitCodes.StartupFailed;
        }

        _writer.Write(new ReadyMessage(Environment.ProcessId, [.. _runtimes.Select(r => r.Language)]));
        return Serve();
    }

    private int Serve()
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
                return ProtocolError(ex.Message);
            }

            switch (message)
            {
                case null:
                case ShutdownMessage:
                    // The end of stdin means the host is gone: a worker never outlives it.
                    return WorkerExitCodes.Normal;
                case ConfigureMessage configure when configure.Servers is not null:
                    Volatile.Write(ref _catalog, configure);
                    break;
                case ExecuteMessage execute when IsComplete(execute):
                    if (!_script.TryStart(new ScriptJob(execute, Volatile.Read(ref _catalog))))
                    {
                        return ProtocolError($"execute {execute.ExecutionId} arrived while another execution was running");
                    }

                    break;
                case CancelMessage cancel:
                    _script.Cancel(cancel.ExecutionId);
                    break;
                case ToolResultMessage result:
                    _bridge.Complete(result);
                    break;
                default:
                    return ProtocolError($"unexpected message {message.GetType().Name}");
            }
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
            _terminate(WorkerExitCodes.Normal);
            return;
        }
        catch (OutOfMemoryException)
        {
            // The host recognises this line and reports memoryLimit instead of a crash.
            _diagnostics.WriteLine("CodeMode worker: OutOfMemoryException while reporting an execution.");
            _terminate(WorkerExitCodes.OutOfMemory);
            return;
        }

        if (outcome.Recycle)
        {
            _terminate(WorkerExitCodes.Recycled);
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

    private int ProtocolError(string detail)
    {
        _diagnostics.WriteLine($"CodeMode worker: protocol error: {detail}");
        return WorkerExitCodes.ProtocolError;
    }
}
