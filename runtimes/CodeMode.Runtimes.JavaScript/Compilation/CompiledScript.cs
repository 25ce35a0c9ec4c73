using Jint.Native;
using Jint.Parser.Ast;

namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>
/// A parsed and instrumented program that can run in one engine at a time, one engine after another.
/// Jint 2.10.4 caches values on AST nodes while it runs: literal values (engine-independent primitives), argument
/// arrays of literal-only calls, and regular-expression objects. The last two can hold objects of the engine that
/// ran last, so <see cref="PrepareForRun"/> clears them before every run; otherwise a cached program would hand one
/// execution's RegExp object (with its properties and lastIndex) to the next.
/// </summary>
internal sealed class CompiledScript(
    Program program,
    Literal? enterFunctionHook,
    string[] functionNames,
    Literal? enterTryHook,
    Literal? enterCatchHook,
    Literal? prepareThrowHook,
    int[][] enclosingTriesBySite,
    Literal[] regexLiterals,
    CallExpression[] callsWithRegexArguments)
{
    public Program Program { get; } = program;

    /// <summary>For each instrumented function, by id, its name for messages.</summary>
    public string[] FunctionNames { get; } = functionNames;

    public bool HasFunctions => FunctionNames.Length > 0;

    /// <summary>For each instrumented try statement, the ids of the try statements whose block encloses it in the same function.</summary>
    public int[][] EnclosingTriesBySite { get; } = enclosingTriesBySite;

    public bool HasTryCatch => EnclosingTriesBySite.Length > 0;

    /// <summary>Stores this execution's hook functions in the hook literals and clears engine-bound caches.</summary>
    public bool HasThrow => prepareThrowHook is not null;

    public void PrepareForRun(ScriptHooks hooks)
    {
        SetHook(enterFunctionHook, hooks.EnterFunction);
        SetHook(enterTryHook, hooks.EnterTry);
        SetHook(enterCatchHook, hooks.EnterCatch);
        SetHook(prepareThrowHook, hooks.PrepareThrow);

        foreach (var literal in regexLiterals)
        {
            literal.Cached = false;
            literal.CachedValue = null;
        }

        foreach (var call in callsWithRegexArguments)
        {
            call.Cached = false;
            call.CachedArguments = null;
            call.CanBeCached = true;
        }
    }

    private static void SetHook(Literal? hook, JsValue? function)
    {
        if (hook is not null)
        {
            hook.CachedValue = function ?? throw new InvalidOperationException("An instrumented script needs all of its hook functions.");
        }
    }
}
