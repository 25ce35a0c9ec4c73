using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.JavaScript.Limits;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// Stands in for a denied built-in (<c>eval</c>, <c>Function</c>). Calling it, or constructing with it, ends the
/// script with <c>policyDenied</c>; it throws a CLR exception, so script <c>try/catch</c> cannot intercept it. It keeps
/// the shape of a function (and <c>prototype</c> = Function.prototype, so <c>f instanceof Function</c> still works).
/// </summary>
internal sealed class DeniedFunction : FunctionInstance, IConstructor
{
    private readonly string _message;

    public DeniedFunction(Engine engine, string name, string message)
        : base(engine, ["x"], null, strict: false)
    {
        _message = message;
        Prototype = engine.Function.PrototypeObject;
        FastAddProperty("length", 1, writable: false, enumerable: false, configurable: false);
        FastAddProperty("name", name, writable: false, enumerable: false, configurable: false);
        FastAddProperty("prototype", engine.Function.PrototypeObject, writable: false, enumerable: false, configurable: false);
        Extensible = false;
    }

    public override JsValue Call(JsValue thisObject, JsValue[] arguments) => throw Deny();

    public ObjectInstance Construct(JsValue[] arguments) => throw Deny();

    private ScriptTerminatedException Deny()
    {
        var (line, column) = ScriptLocation.CurrentCallSite(Engine);
        return new ScriptTerminatedException(ScriptStatus.PolicyDenied, ErrorCodes.DeniedOperation, _message) { Line = line, Column = column };
    }
}
