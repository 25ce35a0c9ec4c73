using CodeMode.Abstractions.Execution;

namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// Ends a script: a limit, a cancellation or an aborted tool call. A C# script can catch any exception, so this alone
/// cannot stop it; the <see cref="ExecutionBudget"/> that threw it stays tripped, every later loop iteration, call or
/// catch block throws again, and the runner reports the budget's reason whatever the script returned.
/// </summary>
public sealed class ScriptTerminatedException : Exception
{
    internal ScriptTerminatedException(ScriptStatus status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    internal ScriptStatus Status { get; }

    internal string Code { get; }

    /// <summary>The call that ended the script (<c>server.tool</c>, <c>fs.read</c>), when a tool call did.</summary>
    internal string? Tool { get; init; }
}
