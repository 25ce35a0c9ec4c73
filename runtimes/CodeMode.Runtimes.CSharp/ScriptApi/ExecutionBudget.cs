using System.Diagnostics;
using System.Runtime.CompilerServices;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// The checks the instrumenter writes into a script: <see cref="Tick"/> at every loop iteration, <c>goto</c> and
/// catch block, <see cref="Enter"/>/<see cref="Exit"/> around every method, accessor, local function and lambda body.
/// They charge the statement budget and check the deadline, cancellation, heap growth, call depth and the stack.
/// Once tripped it stays tripped: every later check throws again, so a script's catch-all cannot outlive its limit.
/// Scripts cannot name it (identifiers starting with <c>__</c> are rejected and the type is denied).
/// </summary>
public sealed class ExecutionBudget
{
    // Heap growth is read every this many checks, and sooner when the script's thread has allocated a lot since the
    // last reading (a loop adding megabyte strings must not get thousands of iterations).
    private const int MemoryCheckInterval = 4096;
    private const long MaxBytesBetweenMemoryChecks = 16L * 1024 * 1024;

    // Code inside the script's own types cannot see the globals; it reaches the budget of the run it belongs to here.
    private static readonly AsyncLocal<ExecutionBudget?> CurrentBudget = new();

    private readonly ExecutionLimits _limits;
    private readonly long _deadline;
    private readonly CancellationToken _cancellation;
    private readonly long _heapBaseline;
    private readonly long _bytesBetweenMemoryChecks;
    private long _allocatedAtLastCheck;
    private long _count;
    private int _depth;
    private volatile ScriptTerminatedException? _stop;

    internal ExecutionBudget(ExecutionLimits limits, long deadlineTimestamp, CancellationToken cancellation)
    {
        _limits = limits;
        _deadline = deadlineTimestamp;
        _cancellation = cancellation;
        _heapBaseline = GC.GetTotalMemory(forceFullCollection: false);
        _bytesBetweenMemoryChecks = Math.Min(MaxBytesBetweenMemoryChecks, Math.Max(1, limits.MemoryLimitBytes / 8));
    }

#pragma warning disable IDE1006 // The instrumenter's name: a prefix scripts are not allowed to use.
    public static ExecutionBudget __Current => CurrentBudget.Value ?? throw new InvalidOperationException("Script code ran outside its execution.");
#pragma warning restore IDE1006

    /// <summary>Why the script was stopped, or null while it may run.</summary>
    internal ScriptTerminatedException? Stop => _stop;

    internal TimeSpan Remaining => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _deadline);

    /// <summary>Makes this the budget of the calling thread's execution context (and of every continuation it starts).</summary>
    internal void MakeCurrent() => CurrentBudget.Value = this;

    public void Tick()
    {
        if (_stop is { } stop)
        {
            throw Rethrow(stop);
        }

        if (++_count > _limits.MaxStatements)
        {
            throw Trip(ScriptStatus.StatementLimit, ErrorCodes.StatementLimit, $"The script ran more than its limit of {_limits.MaxStatements} loop iterations and calls.");
        }

        CheckClock();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        if (_count % MemoryCheckInterval == 0 || Math.Abs(allocated - _allocatedAtLastCheck) > _bytesBetweenMemoryChecks)
        {
            _allocatedAtLastCheck = allocated;
            CheckMemory();
        }
    }

    public void Enter()
    {
        Tick();
        if (++_depth > _limits.MaxRecursion)
        {
            _depth--;
            throw Trip(ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit, $"The script nested calls more than {_limits.MaxRecursion} deep (its recursion limit).");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw Trip(ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit, "The script nested calls so deeply that the stack is nearly full.");
        }
    }

    public void Exit() => _depth--;

    /// <summary>Checked after every tool call and before the value is read: time spent waiting counts too.</summary>
    internal void CheckClock()
    {
        if (_cancellation.IsCancellationRequested)
        {
            throw Trip(ScriptStatus.Cancelled, ErrorCodes.Cancelled, "The execution was cancelled.");
        }

        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw Trip(ScriptStatus.Timeout, ErrorCodes.Timeout, $"The script ran longer than its timeout of {_limits.TimeoutMs} ms.");
        }
    }

    /// <summary>Stops the script for a reason found outside the checks (an aborted tool call, the runner's deadline).</summary>
    internal ScriptTerminatedException Trip(ScriptStatus status, string code, string message, string? tool = null)
    {
        var stop = new ScriptTerminatedException(status, code, message) { Tool = tool };
        _stop ??= stop;
        return _stop;
    }

    private void CheckMemory()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) - _heapBaseline <= _limits.MemoryLimitBytes)
        {
            return;
        }

        // Garbage counts until collected: confirm with a full collection before ending the script.
        if (GC.GetTotalMemory(forceFullCollection: true) - _heapBaseline > _limits.MemoryLimitBytes)
        {
            throw Trip(ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit, $"The script grew the heap by more than its memory limit of {_limits.MemoryLimitBytes / (1024 * 1024)} MB.");
        }
    }

    // A fresh exception each time, so a script that stored the first one cannot rethrow it to confuse the runner.
    private static ScriptTerminatedException Rethrow(ScriptTerminatedException stop) => new(stop.Status, stop.Code, stop.Message) { Tool = stop.Tool };
}
