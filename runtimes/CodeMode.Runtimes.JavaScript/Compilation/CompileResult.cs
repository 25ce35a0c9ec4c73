using CodeMode.Abstractions.Execution;

namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>Either a runnable script or the compile error to report.</summary>
internal readonly record struct CompileResult(CompiledScript? Script, ScriptError? Error)
{
    public static CompileResult Success(CompiledScript script) => new(script, null);

    public static CompileResult Failure(ScriptError error) => new(null, error);
}
