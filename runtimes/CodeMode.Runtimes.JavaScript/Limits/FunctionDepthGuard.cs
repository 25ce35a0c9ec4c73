using System.Runtime.CompilerServices;
using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.JavaScript.Interop;
using Jint;
using Jint.Native;
using Jint.Runtime.Interop;
using JintExecutionContext = Jint.Runtime.Environments.ExecutionContext;

namespace CodeMode.Runtimes.JavaScript.Limits;

/// <summary>
/// Enforces MaxRecursion for every way a script function can be entered. Jint 2.10.4's own limit counts only call
/// expressions, so recursion through <c>new F()</c>, getters and setters, or implicit <c>valueOf</c>/<c>toString</c>
/// calls bypasses it and overflows the real stack, which kills the worker process.
/// <para>
/// The compiler makes the first statement of every function body call <see cref="EnterFunction"/> with the
/// function's id (see <see cref="Compilation.ScriptInstrumenter"/>). Jint pushes one execution context per function
/// activation and pops it in a finally block, so its depth says exactly which recorded activations have returned;
/// those are dropped lazily on the next entry. What remains counts the live activations of each function, the same
/// measure as Jint's limit (nested calls of one function). As a last line, an entry with too little stack left ends
/// the script too, whatever the count.
/// </para>
/// </summary>
internal sealed class FunctionDepthGuard
{
    private readonly Engine _engine;
    private readonly Stack<JintExecutionContext> _contexts;
    private readonly string[] _functionNames;
    private readonly int[] _liveBySite;
    private readonly int _maxRecursion;
    private Activation[] _activations = new Activation[16];
    private int _count;

    public FunctionDepthGuard(Engine engine, string[] functionNames, int maxRecursion)
    {
        _engine = engine;
        _contexts = JintInternals.ExecutionContextsOf(engine);
        _functionNames = functionNames;
        _liveBySite = new int[functionNames.Length];
        _maxRecursion = maxRecursion;
        EnterFunction = new ClrFunctionInstance(engine, OnEnterFunction, 1);
    }

    /// <summary>Host function called (through an unnamed literal callee the script cannot reach) when a function body starts.</summary>
    public ClrFunctionInstance EnterFunction { get; }

    private JsValue OnEnterFunction(JsValue thisObject, JsValue[] arguments)
    {
        JintInternals.UncountStatement(_engine);
        var site = (int)arguments[0].AsNumber();
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Exceeded(site, "the call stack is nearly full");
        }

        var depth = _contexts.Count;
        while (_count > 0 && _activations[_count - 1].Depth >= depth)
        {
            _liveBySite[_activations[--_count].Site]--;
        }

        if (_liveBySite[site] >= _maxRecursion)
        {
            throw Exceeded(site, $"its recursion limit is {_maxRecursion}");
        }

        _liveBySite[site]++;
        if (_count == _activations.Length)
        {
            Array.Resize(ref _activations, _activations.Length * 2);
        }

        _activations[_count++] = new Activation(site, depth);
        return JsValue.Undefined;
    }

    private ScriptTerminatedException Exceeded(int site, string reason)
    {
        var (line, column) = ScriptLocation.CurrentCallSite(_engine);
        return new ScriptTerminatedException(
            ScriptStatus.RecursionLimit,
            ErrorCodes.RecursionLimit,
            $"The script nested calls to '{_functionNames[site]}' too deeply: {reason}.")
        {
            Line = line,
            Column = column,
        };
    }

    private readonly record struct Activation(int Site, int Depth);
}
