using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.CallStack;
using Jint.Runtime.Interop;
using JintExecutionContext = Jint.Runtime.Environments.ExecutionContext;

namespace CodeMode.Runtimes.JavaScript.Limits;

/// <summary>
/// Keeps Jint 2.10.4's recursion limit honest. Jint pushes a frame for every call expression and pops it only when
/// the call returns normally; when a call throws, its frames stay. A script that catches errors in a loop, e.g.
/// <c>for (...) { try { JSON.parse(s) } catch (e) {} }</c>, therefore "recurses" one level per caught error and
/// soon fails with a recursion error it never made.
/// <para>
/// The compiler instruments every <c>try</c> that has a <c>catch</c> (see
/// <see cref="Compilation.ScriptInstrumenter"/>): the first statement of the try block calls <see cref="EnterTry"/>,
/// which records how many call frames were live; the first statement of the catch block calls
/// <see cref="EnterCatch"/>, which drops the frames that were pushed since (they all belong to calls that threw).
/// Recursion within one activation is told apart by the execution-context depth, which Jint does keep balanced.
/// </para>
/// Code created at run time by <c>eval</c> or <c>Function</c> (when they are allowed) is not instrumented.
/// </summary>
internal sealed class CallStackRepair
{
    private readonly Engine _engine;
    private readonly JintCallStack _callStack;
    private readonly Stack<CallStackElement> _frames;
    private readonly Stack<JintExecutionContext> _contexts;
    private readonly int[][] _ancestors;
    private Mark[] _marks = new Mark[8];
    private int _count;

    public CallStackRepair(Engine engine, int[][] ancestorsBySite)
    {
        _engine = engine;
        _callStack = JintInternals.CallStackOf(engine);
        _frames = JintInternals.FramesOf(_callStack);
        _contexts = JintInternals.ExecutionContextsOf(engine);
        _ancestors = ancestorsBySite;
        EnterTry = new ClrFunctionInstance(engine, OnEnterTry, 1);
        EnterCatch = new ClrFunctionInstance(engine, OnEnterCatch, 1);
    }

    /// <summary>Host function called (through an unnamed literal callee the script cannot reach) when a try block starts.</summary>
    public ClrFunctionInstance EnterTry { get; }

    /// <summary>Host function called when a catch block starts.</summary>
    public ClrFunctionInstance EnterCatch { get; }

    private JsValue OnEnterTry(JsValue thisObject, JsValue[] arguments)
    {
        JintInternals.UncountStatement(_engine);
        var site = (int)arguments[0].AsNumber();
        var depth = _contexts.Count;

        // Drop marks of try blocks that have ended without an exception: anything deeper (its function returned),
        // and anything at this depth that does not enclose this try (it ran before, in this or an earlier activation).
        while (_count > 0)
        {
            ref var top = ref _marks[_count - 1];
            if (top.Depth > depth || (top.Depth == depth && Array.IndexOf(_ancestors[site], top.Site) < 0))
            {
                _count--;
                continue;
            }

            break;
        }

        if (_count == _marks.Length)
        {
            Array.Resize(ref _marks, _marks.Length * 2);
        }

        // The hook's own frame is on top while it runs: it is not part of what the try block started with.
        _marks[_count++] = new Mark(site, depth, _frames.Count - 1);
        return JsValue.Undefined;
    }

    private JsValue OnEnterCatch(JsValue thisObject, JsValue[] arguments)
    {
        JintInternals.UncountStatement(_engine);
        var site = (int)arguments[0].AsNumber();
        var depth = _contexts.Count;
        for (var i = _count - 1; i >= 0; i--)
        {
            var mark = _marks[i];
            if (mark.Depth < depth)
            {
                break;
            }

            if (mark.Depth != depth || mark.Site != site)
            {
                continue;
            }

            _count = i;
            if (_frames.Count - 1 > mark.Frames)
            {
                // Keep this hook's frame on top: Jint pops it when the hook returns.
                var own = _callStack.Pop();
                while (_frames.Count > mark.Frames)
                {
                    _callStack.Pop();
                }

                _callStack.Push(own);
            }

            break;
        }

        return JsValue.Undefined;
    }

    private readonly record struct Mark(int Site, int Depth, int Frames);
}
