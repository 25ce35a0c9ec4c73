using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

public sealed class DeniedOperationTests
{
    private static readonly IReadOnlyList<string> DenyBoth = DeniableOperations.JavaScript;

    public static TheoryData<string> EvalPaths => new()
    {
        "eval('1 + 1')",
        "(0, eval)('1 + 1')",
        "this.eval('1 + 1')",
        "var e = eval; e('1 + 1')",
        "eval.call(null, '1 + 1')",
        "eval.apply(null, ['1 + 1'])",
        "eval.bind(null)('1 + 1')",
        "new eval('1 + 1')",
        "Function.prototype.call.call(eval, null, '1 + 1')",
        "(function () { return eval('1 + 1'); })()",
        "with (this) { eval('1 + 1'); }",
        "(function () { return this; })().eval('1 + 1')",
        "Object.getOwnPropertyDescriptor(this, 'eval').value('1 + 1')",
        "['1 + 1'].map(eval)",
        "'a'.replace(/a/, eval)",
        "[2, 1].sort(eval)",
        "'' + { toString: eval }",
        "var o = {}; Object.defineProperty(o, 'x', { get: eval }); o.x",
        "JSON.stringify({ a: '1 + 1' }, eval)",
        "try { eval('1 + 1'); } catch (e) {} 'swallowed'",
        "try { eval('1 + 1'); } finally { console.log('finally ran'); }",
        "while (true) { try { eval('1'); } catch (e) { continue; } }",
    };

    public static TheoryData<string> FunctionConstructorPaths => new()
    {
        "Function('return 1')()",
        "new Function('return 1')()",
        "this.Function('return 1')()",
        "var F = Function; new F('return 1')",
        "(function () {}).constructor('return 1')()",
        "Object.getPrototypeOf(function () {}).constructor('return 1')()",
        "Function.prototype.constructor('return 1')()",
        "new (Function.prototype.constructor)('return 1')",
        "[].map.constructor('return 1')()",
        "[].constructor.constructor('return 1')()",
        "Object.constructor('return 1')()",
        "JSON.parse.constructor('return 1')()",
        "Math.max.constructor('return 1')()",
        "Error.constructor('return 1')()",
        "console.log.constructor('return this')()",
        "automem.search.constructor('return this')()",
        "(function () {}).bind(null).constructor('return 1')()",
        "(function () { return arguments.callee.constructor('return 1')(); })()",
        "Function.call(null, 'return 1')",
        "Function.apply(null, ['return 1'])",
        "Function.bind(null, 'return 1')()",
        "(0, [].map.constructor)('return 1')",
        "Object.getOwnPropertyDescriptor(Function.prototype, 'constructor').value('return 1')",
        "['return 1'].map(Function)",
        "try { Function('return 1')(); } catch (e) {} 'swallowed'",
        "try { new Function('return 1'); } catch (e) { console.log('caught'); } finally { console.log('finally ran'); }",
    };

    [Theory]
    [MemberData(nameof(EvalPaths))]
    [MemberData(nameof(FunctionConstructorPaths))]
    public void Execute_DeniedOperation_EveryPathEndsWithPolicyDenied(string code)
    {
        var outcome = ScriptRunner.Run(code, denied: DenyBoth);

        var error = outcome.AssertFailed(ScriptStatus.PolicyDenied, ErrorCodes.DeniedOperation);
        Assert.Contains("deniedOperations", error.Message);
        Assert.Empty(outcome.Logs);
    }

    [Fact]
    public void Execute_DeniedOperation_ReportsWhereItWasAttempted()
    {
        var outcome = ScriptRunner.Run("var a = 1;\nvar b =  eval('a');", denied: DenyBoth);

        var error = outcome.AssertFailed(ScriptStatus.PolicyDenied, ErrorCodes.DeniedOperation);
        Assert.Contains("eval", error.Message);
        Assert.Equal(2, error.Line);
        Assert.Equal(10, error.Column);
    }

    [Theory]
    [InlineData("typeof eval + ' ' + typeof Function", "\"function function\"")]
    [InlineData("(function () {}) instanceof Function", "true")]
    [InlineData("(function () {}).constructor === Function", "true")]
    [InlineData("Function.prototype.call.length + Function.prototype.apply.length", "3")]
    [InlineData("Object.prototype.toString.call(Function.prototype.bind)", "\"[object Function]\"")]
    [InlineData("function Point(x) { this.x = x; } new Point(3).x", "3")]
    public void Execute_WithDenials_OrdinaryFunctionUseStillWorks(string code, string expectedJson)
    {
        var outcome = ScriptRunner.Run(code, denied: DenyBoth);

        Assert.Equal(expectedJson, outcome.ValueJson());
    }

    [Theory]
    [InlineData("eval('1 + 1')", "2")]
    [InlineData("(0, eval)('var globalFromEval = 5; globalFromEval')", "5")]
    [InlineData("function f() { var local = 3; return eval('local * 2'); } f()", "6")]
    [InlineData("new Function('a', 'b', 'return a + b')(1, 2)", "3")]
    [InlineData("(function () {}).constructor('return 7')()", "7")]
    [InlineData("automem.search.constructor === Function", "true")]
    public void Execute_NotDenied_EvalAndFunctionWork(string code, string expectedJson)
    {
        var outcome = ScriptRunner.Run(code, denied: []);

        Assert.Equal(expectedJson, outcome.ValueJson());
    }

    [Fact]
    public void Execute_OnlyEvalDenied_FunctionStillWorks()
    {
        ScriptRunner.Run("Function('return 1')()", denied: ["eval"]).AssertSucceeded();
        ScriptRunner.Run("eval('1')", denied: ["eval"]).AssertFailed(ScriptStatus.PolicyDenied, ErrorCodes.DeniedOperation);
    }

    [Fact]
    public void Execute_OnlyFunctionDenied_EvalStillWorks()
    {
        ScriptRunner.Run("eval('1')", denied: ["Function"]).AssertSucceeded();
        ScriptRunner.Run("Function('return 1')()", denied: ["Function"]).AssertFailed(ScriptStatus.PolicyDenied, ErrorCodes.DeniedOperation);
    }

    [Fact]
    public void Execute_JsonParseReviver_IsNeverCalled()
    {
        // Jint 2.10.4's JSON.parse ignores its reviver argument, so it is no path to eval or Function.
        var outcome = ScriptRunner.Run("var calls = 0; var v = JSON.parse('{\"a\":\"1 + 1\"}', function (k, x) { calls++; return eval(x); }); [v.a, calls]", denied: DenyBoth);

        Assert.Equal("""["1 + 1",0]""", outcome.ValueJson());
    }

    [Fact]
    public void Execute_DenialsDoNotLeakIntoTheNextExecution()
    {
        ScriptRunner.Run("eval('1')", denied: DenyBoth).AssertFailed(ScriptStatus.PolicyDenied, ErrorCodes.DeniedOperation);

        Assert.Equal("2", ScriptRunner.Run("eval('1 + 1')", denied: []).ValueJson());
    }

    [Fact]
    public void Execute_UnknownDeniedOperation_IsRejectedNotIgnored()
    {
        var outcome = ScriptRunner.Run("1", denied: ["require"]);

        var error = outcome.AssertFailed(ScriptStatus.InternalError, ErrorCodes.InvalidConfiguration);
        Assert.Contains("require", error.Message);
    }
}
