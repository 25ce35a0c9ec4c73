using CodeMode.Abstractions.Execution;

namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>A compiled script, or why there is none (<c>compileError</c>, <c>policyDenied</c>) with the position in the user's code.</summary>
internal sealed record CompileResult(CompiledScript? Script, ScriptStatus Status, ScriptError? Error)
{
    public static CompileResult Success(CompiledScript script) => new(script, ScriptStatus.Succeeded, null);

    public static CompileResult Failure(ScriptStatus status, ScriptError error) => new(null, status, error);
}
