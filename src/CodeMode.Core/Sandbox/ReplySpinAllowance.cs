namespace CodeMode.Core.Sandbox;

/// <summary>
/// Decides whether an execution's proxy calls may spin for their replies (<see cref="Abstractions.Sandbox.ChannelSpin"/>).
/// A spinning execution keeps two threads awake, the worker's script thread and the host's inbox thread; that only pays
/// while each has a CPU to itself. Beyond that the spinners would take CPU from executions doing real work, so the
/// executions that start then block in read as before. One allowance is shared by every pool in the process.
/// </summary>
public sealed class ReplySpinAllowance(int processorCount)
{
    private const int ThreadsPerExecution = 2;
    private int _running;

    /// <summary>The process's allowance, sized by the CPUs it may use (its cgroup quota included).</summary>
    public static ReplySpinAllowance Shared { get; } = new(Environment.ProcessorCount);

    /// <summary>Counts an execution in; true when it may spin. Every call is paired with <see cref="Leave"/>.</summary>
    public bool Enter() => Interlocked.Increment(ref _running) * ThreadsPerExecution <= processorCount;

    public void Leave() => Interlocked.Decrement(ref _running);
}
