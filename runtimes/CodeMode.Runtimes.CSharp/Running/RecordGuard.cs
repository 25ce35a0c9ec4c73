using System.Runtime.CompilerServices;
using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.CSharp.ScriptApi;

namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>
/// The stack check in the <c>EqualityContract</c> the instrumenter gives every record class: the compiler's Equals and
/// GetHashCode read it at every level, and on a record that contains itself they would otherwise recurse until the
/// stack overflows and kills the worker. Public for the scripts' generated code only; the symbol policy denies it.
/// </summary>
public static class RecordGuard
{
    // Stack below the script's entry that record equality may use: thousands of levels. Letting it run down a 64 MB
    // script stack instead took seconds just to unwind the exception.
    private const long MaxDepthBytes = 1024 * 1024;

    [ThreadStatic]
    private static nint t_entry;

    public static void Check()
    {
        byte marker = 0;
        var here = Address(ref marker);
        var entry = t_entry;
        if ((entry != 0 && entry - here > MaxDepthBytes) || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw ExecutionBudget.__Current.Trip(
                ScriptStatus.RecursionLimit,
                ErrorCodes.RecursionLimit,
                "A record's Equals or GetHashCode recursed too deeply: the record probably contains itself (compare such records by a key instead).");
        }
    }

    /// <summary>Remembers where the script's run starts on this thread (the runtime's script thread).</summary>
    internal static void MarkEntry()
    {
        byte marker = 0;
        t_entry = Address(ref marker);
    }

    private static nint Address(ref byte local) => Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref local);
}
