using Jint;
using Jint.Runtime.Descriptors;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// Applies <c>deniedOperations</c> to a fresh engine before any script code runs. In Jint 2.10.4 the script can reach
/// the real <c>eval</c> only through the global property, and the Function constructor only through the global
/// property and <c>Function.prototype.constructor</c> (which every function, built-in or host, inherits, so
/// <c>(function(){}).constructor</c>, <c>[].map.constructor</c> and <c>proxy.tool.constructor</c> all lead there).
/// Replacing those references leaves no path to the originals. Direct <c>eval(...)</c> calls dispatch on the resolved
/// value (Jint only treats an <c>EvalFunctionInstance</c> as eval), so they reach the replacement too.
/// </summary>
internal static class EngineLockdown
{
    public const string Eval = "eval";
    public const string Function = "Function";

    public static void DenyEval(Engine engine)
    {
        var denied = new DeniedFunction(
            engine,
            Eval,
            "eval is denied by this runtime's policy (deniedOperations); it cannot be called directly, indirectly or through the global object.");
        Replace(engine.Global, Eval, denied);
    }

    public static void DenyFunctionConstructor(Engine engine)
    {
        var denied = new DeniedFunction(
            engine,
            Function,
            "The Function constructor is denied by this runtime's policy (deniedOperations); this includes Function(...), new Function(...) and the .constructor of any function.");
        Replace(engine.Global, Function, denied);
        Replace(engine.Function.PrototypeObject, "constructor", denied);
    }

    private static void Replace(Jint.Native.Object.ObjectInstance target, string name, DeniedFunction replacement)
    {
        var original = target.GetOwnProperty(name);
        // Keep the attributes the script would expect of the built-in (writable, not enumerable, configurable).
        target.FastSetProperty(name, new PropertyDescriptor(replacement, original.Writable ?? true, original.Enumerable ?? false, original.Configurable ?? true));
    }
}
