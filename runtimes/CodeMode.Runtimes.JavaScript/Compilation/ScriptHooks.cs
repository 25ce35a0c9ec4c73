using Jint.Native;

namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>The host functions one execution plugs into a <see cref="CompiledScript"/>'s instrumentation points.</summary>
internal readonly record struct ScriptHooks(JsValue? EnterFunction, JsValue? EnterTry, JsValue? EnterCatch, JsValue? PrepareThrow);
