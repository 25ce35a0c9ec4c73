using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// The one long-lived thread that runs scripts. Its 256 MB stack lets the runtime's own recursion limit trip
/// long before a real stack overflow (which would kill the process); reusing it spares a thread start per execution.
/// </summary>
internal sealed class ScriptThread
{
    public const int StackBytes = 256 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _jobArrived = new(0);
    private readonly Func<ScriptJob, SandboxOutcome> _execute;
    private readonly Action<ScriptJob, SandboxOutcome> _completed;
    private ScriptJob? _job;

    public ScriptThread(Func<ScriptJob, SandboxOutcome> execute, Action<ScriptJob, SandboxOutcome> completed)
    {
        _execute = execute;
        _completed = completed;

        // Background: when the reader loop returns (host gone), a runaway script must not keep the process alive.
        new Thread(Loop, StackBytes) { IsBackground = true, Name = "CodeMode script" }.Start();
    }

    /// <summary>False when an execution is already running: the host broke the one-at-a-time rule.</summary>
    public bool TryStart(ScriptJob job)
    {
        lock (_lock)
        {
            if (_job is not null)
            {
                return false;
            }

            _job = job;
        }

        _jobArrived.Release();
        return true;
    }

    /// <summary>Cancels the running execution if it is <paramref name="executionId"/>; a late cancel is ignored.</summary>
    public void Cancel(string executionId)
    {
        ScriptJob? job;
        lock (_lock)
        {
            job = _job;
        }

        if (job is not null && job.ExecutionId == executionId)
        {
            job.Cancel();
        }
    }

    private void Loop()
    {
        while (true)
        {
            _jobArrived.Wait();
            ScriptJob job;
            lock (_lock)
            {
                job = _job!;
            }

            var outcome = _execute(job);

            // Free the slot before reporting: the host may send the next execute as soon as it reads done.
            lock (_lock)
            {
                _job = null;
            }

            _completed(job, outcome);
        }
    }
}
