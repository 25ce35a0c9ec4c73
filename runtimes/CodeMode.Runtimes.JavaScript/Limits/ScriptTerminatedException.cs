using CodeMode.Abstractions.Execution;

namespace CodeMode.Runtimes.JavaScript.Limits;

/// <summary>
/// Ends a script from inside a host function (a limit, a policy denial, an aborted tool call). It deliberately
/// is not a <c>Jint.Runtime.JavaScriptException</c>: Jint turns only those into script-visible throw completions,
/// so this passes through every script <c>try/catch/finally</c> and out of <c>Engine.Execute</c>. It must not
/// derive from <see cref="InvalidCastException"/> either, which <c>ClrFunctionInstance</c> converts to a TypeError.
/// </summary>
internal sealed class ScriptTerminatedException(ScriptStatus status, string code, string message) : Exception(message)
{
    public ScriptStatus Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>"server.tool" when a tool call ended the script.</summary>
    public string? Tool { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    /// <summary>True when the worker's state may be damaged and the host should replace it.</summary>
    public bool Recycle { get; init; }
}
