using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

public sealed class ErrorTests
{
    [Theory]
    [InlineData("var x = 1;\n  missing();", "ReferenceError: missing is not defined", 2, 3)]
    [InlineData("throw new Error('boom');", "Error: boom", 1, 1)]
    [InlineData("\n\nthrow new RangeError('out of range');", "RangeError: out of range", 3, 1)]
    [InlineData("var e = new Error('custom'); e.name = 'ValidationError'; throw e;", "ValidationError: custom", 1, 58)]
    [InlineData("throw 'oops';", "Uncaught 'oops'", 1, 1)]
    [InlineData("throw { code: 42 };", """Uncaught {"code":42}""", 1, 1)]
    [InlineData("throw 7;", "Uncaught 7", 1, 1)]
    [InlineData("var o = {};\no.method();", "TypeError: Object has no method 'method'", 2, 1)]
    [InlineData("function f() {\n  return undefinedThing + 1;\n}\nf();", "ReferenceError: undefinedThing is not defined", 2, 3)]
    [InlineData("JSON.parse('{bad json');", "SyntaxError", 1, 1)]
    public void Execute_UncaughtError_ReturnsRuntimeErrorWithNameAndPosition(string code, string message, int line, int column)
    {
        var outcome = ScriptRunner.Run(code);

        var error = outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.UncaughtException);
        Assert.StartsWith(message, error.Message);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Null(error.Tool);
    }

    [Fact]
    public void Execute_EngineErrorWithoutMessage_QuotesTheFailingStatement()
    {
        var outcome = ScriptRunner.Run("var data = null;\n   var n = data.items;");

        var error = outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.UncaughtException);
        Assert.Equal("TypeError: the engine gave no message; the failing statement is `var n = data.items;`", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("new Promise(function () {});", "Promise is ES2015 or later")]
    [InlineData("var m = new Map();", "Map is ES2015 or later")]
    [InlineData("'abc'.includes('a');", "includes is ES2015 or later")]
    [InlineData("Object.assign({}, { a: 1 });", "assign is ES2015 or later")]
    [InlineData("var fs = require('fs');", "require does not exist in this sandbox")]
    [InlineData("setTimeout(function () {}, 10);", "setTimeout does not exist in this sandbox")]
    public void Execute_MissingModernApi_SaysWhy(string code, string hint)
    {
        var outcome = ScriptRunner.Run(code);

        var error = outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.UncaughtException);
        Assert.Contains(hint, error.Message);
    }

    [Theory]
    [InlineData("var o = { a: 1 }; Object.defineProperty(o, 'x', { enumerable: true, get: function () { automem.search({}); return 2; } }); throw o;", "Uncaught {\"a\":1,\"x\":[Getter/Setter]}")]
    [InlineData("throw { toJSON: function () { automem.search({}); }, list: [1, 'two', { deep: { deeper: true } }] };", "Uncaught {\"toJSON\":[Function (anonymous)],\"list\":[1,\"two\",{...}]}")]
    [InlineData("throw { toString: function () { automem.search({}); return 's'; } };", "Uncaught {\"toString\":[Function (anonymous)]}")]
    public void Execute_UncaughtObject_IsDescribedWithoutRunningScriptCode(string code, string message)
    {
        var bridge = new FakeToolBridge();

        var outcome = ScriptRunner.Run(code, tools: bridge);

        var error = outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.UncaughtException);
        Assert.Equal(message, error.Message);
        Assert.Empty(bridge.Calls);
    }

    [Fact]
    public void Execute_BuiltInFailingWithAClrException_IsARuntimeError()
    {
        // Jint's JSON.parse indexes its arguments without checking: a CLR exception the script cannot catch.
        var outcome = ScriptRunner.Run("try { JSON.parse(); } catch (e) { 'caught' }");

        var error = outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.UncaughtException);
        Assert.Contains("engine failed", error.Message);
    }

    [Theory]
    [InlineData("function f() { throw { code: 1 }; } try { f(); } catch (e) { e.code }", "1")]
    [InlineData("function f() { throw { code: 1 }; } try { f(); } catch (e) { JSON.stringify(e) + ' ' + Object.keys(e).length }", "\"{\\\"code\\\":1} 1\"")]
    [InlineData("function f() { throw [1, 2]; } try { f(); } catch (e) { e.length }", "2")]
    [InlineData("function f() { throw Object.freeze({ message: 'frozen but fine' }); } try { f(); } catch (e) { e.message }", "\"frozen but fine\"")]
    [InlineData("function f() { throw null; } try { f(); } catch (e) { e === null }", "true")]
    public void Execute_PlainValuesThrownAcrossFunctions_AreCatchable(string code, string expectedJson)
    {
        // Jint 2.10.4 alone turns these into an uncatchable CLR ArgumentException (see ThrownValueGuard).
        var outcome = ScriptRunner.Run(code);

        Assert.Equal(expectedJson, outcome.ValueJson());
    }

    [Fact]
    public void Execute_CaughtError_DoesNotFailTheScript()
    {
        var outcome = ScriptRunner.Run("var r; try { null.x; } catch (e) { r = e.name; } r");

        Assert.Equal("\"TypeError\"", outcome.ValueJson());
    }
}
