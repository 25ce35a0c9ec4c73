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
    public void PrepareForRun(JsValue? enterFunction, JsValue? enterTry, JsValue? enterCatch)
    {
        if (enterFunctionHook is not null)
        {
            enterFunctionHook.CachedValue = enterFunction;
        }

        if (enterTryHook is not null && enterCatchHook is not null)
        {
            enterTryHook.CachedValue = enterTry;
            enterCatchHook.CachedValue = enterCatch;
        }

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
}
