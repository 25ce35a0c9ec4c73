using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

public sealed class ConsoleTests
{
    [Fact]
    public void Execute_ConsoleMethods_AreCapturedWithTheirLevels()
    {
        var outcome = ScriptRunner.Run("console.log('a'); console.info('b'); console.warn('c'); console.error('d'); console.debug('e');");

        outcome.AssertSucceeded();
        Assert.Equal(
            [new LogEntry("log", "a"), new LogEntry("info", "b"), new LogEntry("warn", "c"), new LogEntry("error", "d"), new LogEntry("log", "e")],
            outcome.Logs);
    }

    [Theory]
    [InlineData("'text', 1, 2.5, true, null, undefined", "text 1 2.5 true null undefined")]
    [InlineData("{ a: 1, b: [1, 'x'] }", """{"a":1,"b":[1,"x"]}""")]
    [InlineData("[1, [2, 3]]", "[1,[2,3]]")]
    [InlineData("function named() {}, function () {}", "[Function: named] [Function (anonymous)]")]
    [InlineData("new TypeError('bad thing')", "TypeError: bad thing")]
    [InlineData("new Error()", "Error")]
    [InlineData("/ab+c/gi", "/ab+c/gi")]
    [InlineData("new Date(0)", "1970-01-01T00:00:00.000Z")]
    [InlineData("new Date(NaN)", "Invalid Date")]
    [InlineData("", "")]
    [InlineData("'%s is not a format'", "%s is not a format")]
    [InlineData("NaN, -Infinity, 1e21", "NaN -Infinity 1e+21")]
    [InlineData("automem", """{}""")]
    public void Execute_ConsoleArguments_AreFormattedLikeNode(string arguments, string expected)
    {
        var outcome = ScriptRunner.Run($"console.log({arguments});");

        outcome.AssertSucceeded();
        Assert.Equal(expected, Assert.Single(outcome.Logs).Message);
    }

    [Fact]
    public void Execute_ConsoleLogOfACycle_DoesNotThrow()
    {
        var outcome = ScriptRunner.Run("var a = {}; a.a = a; console.log('cycle', a); 'ok'");

        Assert.Equal("\"ok\"", outcome.ValueJson());
        Assert.Equal("cycle [object Object]", Assert.Single(outcome.Logs).Message);
    }

    [Fact]
    public void Execute_ConsoleLogOfAThrowingGetter_DoesNotThrow()
    {
        var outcome = ScriptRunner.Run("var o = {}; Object.defineProperty(o, 'x', { enumerable: true, get: function () { throw new Error('no'); } }); console.log(o); 'ok'");

        Assert.Equal("\"ok\"", outcome.ValueJson());
        Assert.Equal("[object Object]", Assert.Single(outcome.Logs).Message);
    }

    [Fact]
    public void Execute_LogsBeforeAnError_AreKept()
    {
        var outcome = ScriptRunner.Run("console.log('step 1'); console.warn('step 2'); missing();");

        outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.UncaughtException);
        Assert.Equal([new LogEntry("log", "step 1"), new LogEntry("warn", "step 2")], outcome.Logs);
    }

    [Fact]
    public void Execute_LoneSurrogateInLog_IsReplaced()
    {
        var outcome = ScriptRunner.Run("console.log('x' + String.fromCharCode(0xdc00));");

        Assert.Equal("x\ufffd", Assert.Single(outcome.Logs).Message);
    }

    [Fact]
    public void Execute_ConsoleCanBeReplacedByTheScript_WithoutAffectingCapture()
    {
        var outcome = ScriptRunner.Run("var original = console.log; console.log = function (m) { original('wrapped: ' + m); }; console.log('hi');");

        Assert.Equal("wrapped: hi", Assert.Single(outcome.Logs).Message);
    }
}
