using System.Runtime.CompilerServices;
using Jint;
using Jint.Runtime;
using Jint.Runtime.CallStack;
using JintExecutionContext = Jint.Runtime.Environments.ExecutionContext;

namespace CodeMode.Runtimes.JavaScript.Limits;

/// <summary>
/// The one place that reaches into Jint 2.10.4's private state. Two things cannot be done through its public API:
/// <list type="bullet">
/// <item><description>Stopping a running script from another thread. <c>Engine.ExecuteStatement</c> throws
/// <see cref="TimeoutException"/> before every statement when <c>0 &lt; _timeoutTicks &lt; DateTime.UtcNow.Ticks</c>,
/// so writing 1 to that field makes the next statement throw, whatever the configured interval. The exception is
/// not a <see cref="JavaScriptException"/>, so no script <c>try/catch/finally</c> sees it.</description></item>
/// <item><description>Repairing the recursion counter (see <see cref="CallStackRepair"/>) and measuring call depth
/// (see <see cref="FunctionDepthGuard"/>), which need the call stack (<c>Engine.CallStack</c>, internal), its frames
/// (<c>JintCallStack._stack</c>) and the execution-context stack (<c>Engine._executionContexts</c>).</description></item>
/// <item><description>Not charging the script for the statements the instrumentation adds
/// (<c>Engine._statementsCount</c>).</description></item>
/// </list>
/// The accessors bind to the fields by name when first used (no reflection cost per call). If a Jint upgrade
/// renames one, <see cref="Verify"/> throws <see cref="MissingFieldException"/> when the runtime is created
/// instead of a limit silently ceasing to work.
/// </summary>
internal static class JintInternals
{
    // Any positive value in the past makes the next statement throw; 1 tick after 0001-01-01 is always in the past.
    private const long ExpiredDeadline = 1;

    public static void Interrupt(Engine engine) => Volatile.Write(ref TimeoutTicks(engine), ExpiredDeadline);

    /// <summary>Gives back the statement Jint counted for an instrumentation hook, so MaxStatements counts only the script's own.</summary>
    public static void UncountStatement(Engine engine)
    {
        ref var count = ref StatementsCount(engine);
        if (count > 0)
        {
            count--;
        }
    }

    public static JintCallStack CallStackOf(Engine engine) => CallStackField(engine);

    public static Stack<CallStackElement> FramesOf(JintCallStack callStack) => Frames(callStack);

    public static Stack<JintExecutionContext> ExecutionContextsOf(Engine engine) => ExecutionContexts(engine);

    /// <summary>Fails fast when the fields this class depends on are missing or of another type.</summary>
    public static void Verify()
    {
        var engine = new Engine();
        _ = TimeoutTicks(engine);
        _ = StatementsCount(engine);
        var callStack = CallStackField(engine) ?? throw new MissingFieldException("Jint.Engine", "CallStack");
        _ = Frames(callStack) ?? throw new MissingFieldException("Jint.Runtime.CallStack.JintCallStack", "_stack");
        _ = ExecutionContexts(engine) ?? throw new MissingFieldException("Jint.Engine", "_executionContexts");
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_timeoutTicks")]
    private static extern ref long TimeoutTicks(Engine engine);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_statementsCount")]
    private static extern ref int StatementsCount(Engine engine);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "CallStack")]
    private static extern ref JintCallStack CallStackField(Engine engine);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_stack")]
    private static extern ref Stack<CallStackElement> Frames(JintCallStack callStack);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_executionContexts")]
    private static extern ref Stack<JintExecutionContext> ExecutionContexts(Engine engine);
}
