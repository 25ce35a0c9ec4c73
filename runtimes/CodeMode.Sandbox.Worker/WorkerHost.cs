using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// The worker's message loop, on one long-lived thread with a 256 MB stack (the JavaScript runtime's recursion limit
/// must trip long before a real stack overflow, which would kill the process). The same thread reads an execute,
/// runs the script and, while the script waits for a proxy call, reads the tool result itself: nothing is handed
/// between threads on the hot path. A script that is computing does not read; its own deadline stops it, and the
/// host's kill after the grace period backs that up (and answers a cancel that arrives meanwhile).
/// </summary>
internal sealed class WorkerHost
{
    public const int StackBytes = 256 * 1024 * 1024;

    private readonly FrameWriter _writer;
    private readonly IReadOnlyList<ISandboxRuntime> _runtimes;
    private readonly TextWriter _diagnostics;
    private readonly WorkerChannel _channel;
    private readonly ToolBridge _bridge;
    private readonly TaskCompletionSource<int> _exitCode = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set (to 1) by a host that sends its catalog as the first frame, before the worker reports ready.</summary>
    public const string ConfigureFirstVariable = "CODEMODE_WORKER_CONFIGURE_FIRST";

    private readonly bool _configureFirst;

    /// <param name="configureFirst">Read a configure before warm-up and prepare its proxies before reporting ready.</param>
    public WorkerHost(Stream input, Stream output, IReadOnlyList<ISandboxRuntime> runtimes, TextWriter diagnostics, bool configureFirst = false)
    {
        _configureFirst = configureFirst;
        _writer = new FrameWriter(output);
        _runtimes = runtimes;
        _diagnostics = diagnostics;
        _channel = new WorkerChannel(input, diagnostics, Stop);
        _bridge = new ToolBridge(_writer, _channel);
    }

    /// <summary>The process entry: claims stdin/stdout before <paramref name="createRuntimes"/> or anything else runs.</summary>
    public static int Run(Func<IReadOnlyList<ISandboxRuntime>> createRuntimes)
    {
        ProcessGroup.BecomeLeader();
        var (input, output, inputFd) = StandardStreams.ClaimForFrames();
        var configureFirst = Environment.GetEnvironmentVariable(ConfigureFirstVariable) == "1";
        var host = new WorkerHost(input, output, createRuntimes(), Console.Error, configureFirst);
        if (inputFd >= 0)
        {
            HangupWatch.Start(inputFd, host.HostHungUp);
        }

        return host.Run();
    }

    /// <summary>
    /// Warms up (and, when the host sends its catalog first, builds the proxies the first execution will use), reports
    /// ready, then serves until shutdown, the end of stdin, a protocol error or a recycle, and returns the exit code.
    /// The loop thread is a background thread: returning ends a script still running.
    /// </summary>
    public int Run()
    {
        ConfigureMessage? first = null;
        if (_configureFirst)
        {
            // Read before warm-up so the host's write never waits on it; the start timeout covers a host that sends nothing.
            first = _channel.ReadFirstConfigure();
            if (first is null)
            {
                return _exitCode.Task.GetAwaiter().GetResult();
            }
        }

        try
        {
            foreach (var runtime in _runtimes)
            {
                runtime.WarmUp();
                if (first?.Prepare is { Count: > 0 } servers)
                {
                    runtime.Prepare(ProxiesFor(first, servers));
                }
            }

            WorkerProtocolWarmUp.EnsureDone();
        }
        catch (Exception ex)
        {
            _diagnostics.WriteLine($"CodeMode worker: warm-up failed: {ex}");
            return WorkerExitCodes.StartupFailed;
        }

        _writer.Write(new ReadyMessage(Environment.ProcessId, [.. _runtimes.Select(r => r.Language)]));
        new Thread(Loop, StackBytes) { IsBackground = true, Name = "CodeMode worker" }.Start();
        return _exitCode.Task.GetAwaiter().GetResult();
    }

    /// <summary>The host closed stdin while nobody was reading it (a script is running): a worker never outlives its host.</summary>
    public void HostHungUp() => Stop(WorkerExitCodes.Normal);

    private void Loop()
    {
        while (_channel.ReadUntilExecute() is { } execute)
        {
            var job = new ScriptJob(execute, _channel.Catalog);
            var outcome = Execute(job);
            if (!Complete(job, outcome))
            {
                return;
            }

            PrepareNextExecution(execute.Language);
        }
    }

    private ISandboxRuntime? RuntimeFor(string language) => _runtimes.FirstOrDefault(r => r.Language == language);

    private void PrepareNextExecution(string language)
    {
        try
        {
            RuntimeFor(language)?.PrepareNextExecution();
        }
        catch (OutOfMemoryException)
        {
            // Nothing to report with: the next execution meets the same ceiling and reports memoryLimit itself.
        }
        catch (Exception ex)
        {
            // Only an optimisation: the next execution builds what it needs itself.
            _diagnostics.WriteLine($"CodeMode worker: preparing the next '{language}' execution failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private SandboxOutcome Execute(ScriptJob job)
    {
        var message = job.Message;
        var runtime = RuntimeFor(message.Language);
        if (runtime is null)
        {
            return WorkerOutcomes.InternalError($"This sandbox worker has no '{message.Language}' runtime.", recycle: false);
        }

        var execution = new SandboxExecution(
            message.ExecutionId, message.Code, message.Limits, message.DeniedOperations ?? [], ProxiesFor(job.Catalog, message.Servers));
        _bridge.Begin(job);
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

    /// <summary>Reports the outcome; false when the worker must stop.</summary>
    private bool Complete(ScriptJob job, SandboxOutcome outcome)
    {
        if (_channel.Stopped)
        {
            // The host went away or broke the protocol during the execution: nobody reads a done any more.
            return false;
        }

        try
        {
            _writer.Write(new DoneMessage(job.ExecutionId, outcome));
        }
        catch (IOException)
        {
            Stop(WorkerExitCodes.Normal);
            return false;
        }
        catch (OutOfMemoryException)
        {
            // The host recognises this line and reports memoryLimit instead of a crash.
            _diagnostics.WriteLine("CodeMode worker: OutOfMemoryException while reporting an execution.");
            Stop(WorkerExitCodes.OutOfMemory);
            return false;
        }

        if (outcome.Recycle)
        {
            Stop(WorkerExitCodes.Recycled);
            return false;
        }

        if (outcome.Status == ScriptStatus.MemoryLimit)
        {
            // Give the script's garbage back now rather than let the next execution start near the ceiling.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return true;
    }

    private static IReadOnlyList<ProxyServer> ProxiesFor(ConfigureMessage? catalog, IReadOnlyList<string>? servers)
    {
        if (catalog is null || servers is null || servers.Count == 0)
        {
            return [];
        }

        return [.. catalog.Servers.Where(s => servers.Contains(s.Name, StringComparer.Ordinal))];
    }

    private void Stop(int exitCode) => _exitCode.TrySetResult(exitCode);
}
