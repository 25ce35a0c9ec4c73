using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

/// <summary>
/// Jint 2.10.4 leaves a call frame behind for every call that throws, so without the repair a script that catches
/// errors in a loop "recurses" one level per caught error and fails with a recursion limit it never reached.
/// </summary>
public sealed class RecursionCounterTests
{
    private static readonly ExecutionLimits SmallRecursionLimit = ScriptRunner.With(maxRecursion: 10, maxToolCalls: 1000);

    [Theory]
    [InlineData("var bad = 0; for (var i = 0; i < 500; i++) { try { JSON.parse('not json'); } catch (e) { bad++; } } bad", "500")]
    [InlineData("function check(x) { if (x % 2) { throw new Error('odd'); } return x; }\nvar ok = 0; for (var i = 0; i < 500; i++) { try { check(i); ok++; } catch (e) {} } ok", "250")]
    [InlineData("function a() { b(); } function b() { c(); } function c() { throw new Error('deep'); }\nfor (var i = 0; i < 300; i++) { try { a(); } catch (e) {} } i", "300")]
    [InlineData("function r(n) { try { if (n > 0) { r(n - 1); } throw n; } catch (e) { return e; } }\nvar s = 0; for (var i = 0; i < 300; i++) { s += r(5); } s", "1500")]
    [InlineData("var n = 0; [1, 2, 3].forEach(function () { for (var i = 0; i < 200; i++) { try { null.x; } catch (e) { n++; } } }); n", "600")]
    [InlineData("function outer() { var caught = 0; for (var i = 0; i < 50; i++) { try { try { undefinedFn(); } catch (e) { throw e; } } catch (e2) { caught++; } } return caught; }\nvar t = 0; for (var j = 0; j < 10; j++) { t += outer(); } t", "500")]
    [InlineData("var n = 0; for (var i = 0; i < 300; i++) { try { [1].map(function () { throw 1; }); } catch (e) { n++; } } n", "300")]
    public void Execute_CatchingErrorsInALoop_DoesNotCountAsRecursion(string code, string expectedJson)
    {
        var outcome = ScriptRunner.Run(code, SmallRecursionLimit);

        Assert.Equal(expectedJson, outcome.ValueJson());
    }

    [Fact]
    public void Execute_CatchingToolErrorsInALoop_DoesNotCountAsRecursion()
    {
        var bridge = new FakeToolBridge(call => call.ArgumentsJson == """{"i":3}"""
            ? ToolBridgeResult.FromValue(FakeToolBridge.Json("1"))
            : ToolBridgeResult.FromError(ErrorCodes.ToolFailed, "not found"));

        var outcome = ScriptRunner.Run(
            "var found = [], failed = 0; for (var i = 0; i < 200; i++) { try { found.push(automem.recall({ i: i })); } catch (e) { failed++; } } [found.length, failed]",
            SmallRecursionLimit,
            bridge);

        Assert.Equal("[1,199]", outcome.ValueJson());
    }

    [Fact]
    public void Execute_RealRecursionInsideTryBlocks_IsStillLimited()
    {
        var outcome = ScriptRunner.Run(
            "function r(n) { try { return r(n + 1); } catch (e) { return r(n + 1); } } for (var i = 0; i < 3; i++) { try { r(0); } catch (e) {} }",
            SmallRecursionLimit);

        outcome.AssertFailed(ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit);
    }

    [Theory]
    [InlineData(29, ScriptStatus.Succeeded)]
    [InlineData(28, ScriptStatus.StatementLimit)]
    public void Execute_StatementLimit_CountsOnlyTheScriptsOwnStatements(int maxStatements, ScriptStatus expected)
    {
        // Jint counts 30 statements here: the declaration, the for, its init, and per iteration the body block, the
        // var, the try, the try block, the call statement and two function bodies of two statements each. Jint lets
        // MaxStatements + 1 run. The hooks added at function entry and try entry (9 more) are not charged.
        var outcome = ScriptRunner.Run(
            "function f(x) { return x; }\nfor (var i = 0; i < 3; i++) { var y = f(i); try { f(y); } catch (e) {} }",
            ScriptRunner.With(maxStatements: maxStatements));

        Assert.Equal(expected, outcome.Status);
    }
}
