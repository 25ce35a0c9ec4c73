using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// Works around a Jint 2.10.4 bug: when a thrown object leaves a function, Jint builds a <c>JavaScriptException</c>
/// whose constructor reads <c>value.message</c> as a string and throws <see cref="ArgumentException"/> when there is
/// none. So <c>function f() { throw { code: 1 }; } try { f(); } catch (e) {}</c> would not be catchable. The
/// compiler routes every <c>throw</c> argument through <see cref="PrepareThrow"/>, which gives an extensible thrown
/// object without any <c>message</c> a non-enumerable empty one (invisible to JSON.stringify, for-in and Object.keys).
/// Objects with a non-string <c>message</c>, or frozen ones, still hit the bug; the runtime then reports an engine failure.
/// </summary>
internal sealed class ThrownValueGuard(Engine engine)
{
    public ClrFunctionInstance PrepareThrow { get; } = new(engine, OnThrow, 1);

    private static JsValue OnThrow(JsValue thisObject, JsValue[] arguments)
    {
        var value = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
        if (value.IsObject() && value.AsObject() is { Extensible: true } thrown && thrown.GetProperty("message") == PropertyDescriptor.Undefined)
        {
            thrown.FastAddProperty("message", string.Empty, writable: true, enumerable: false, configurable: true);
        }

        return value;
    }
}
