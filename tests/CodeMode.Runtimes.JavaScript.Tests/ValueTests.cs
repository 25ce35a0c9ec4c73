using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

public sealed class ValueTests
{
    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("var x = { a: [1, 'two', true, null] }; x", """{"a":[1,"two",true,null]}""")]
    [InlineData("'h\u00e9llo'", "\"h\u00e9llo\"")]
    [InlineData("null", "null")]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("NaN", "null")]
    [InlineData("new Date(0)", "\"1970-01-01T00:00:00.000Z\"")]
    [InlineData("[1, 2, 3].map(function (x) { return x * 2; })", "[2,4,6]")]
    [InlineData("({ toJSON: function () { return 'custom'; } })", "\"custom\"")]
    public void Execute_LastExpression_IsTheValue(string code, string expectedJson)
    {
        var outcome = ScriptRunner.Run(code);

        Assert.Equal(expectedJson, outcome.ValueJson());
    }

    [Theory]
    [InlineData("return 42;", "42")]
    [InlineData("var a = 1;\nif (a) {\n  return { a: a };\n}\n'not reached'", """{"a":1}""")]
    [InlineData("for (var i = 0; i < 10; i++) { if (i === 3) return i; }", "3")]
    [InlineData("try { return 'from try'; } finally { console.log('finally runs'); }", "\"from try\"")]
    [InlineData("function f() { return 1; }\nreturn f() + 1;", "2")]
    [InlineData("var s = 'return 5;';\ns", "\"return 5;\"")]
    public void Execute_TopLevelReturn_GivesTheReturnedValue(string code, string expectedJson)
    {
        var outcome = ScriptRunner.Run(code);

        Assert.Equal(expectedJson, outcome.ValueJson());
    }

    [Theory]
    [InlineData("undefined")]
    [InlineData("var x = 1;")]
    [InlineData("(function () {})")]
    [InlineData("return;")]
    [InlineData("")]
    public void Execute_NoJsonValue_ReturnsNoValue(string code)
    {
        var outcome = ScriptRunner.Run(code);

        outcome.AssertSucceeded();
        Assert.Null(outcome.Value);
    }

    [Fact]
    public void Execute_TopLevelReturn_KeepsLineNumbersOfLaterErrors()
    {
        var outcome = ScriptRunner.Run("var a = 0;\nif (a) { return 1; }\n\n   missing();");

        var error = outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.UncaughtException);
        Assert.Equal(4, error.Line);
        Assert.Equal(4, error.Column);
    }

    [Fact]
    public void Execute_CyclicValue_ReturnsValueNotSerializable()
    {
        var outcome = ScriptRunner.Run("var a = { name: 'a' }; a.self = a; a");

        var error = outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.ValueNotSerializable);
        Assert.Contains("Cyclic", error.Message);
        Assert.Contains("JSON", error.Message);
    }

    [Fact]
    public void Execute_ToJsonThrows_ReturnsValueNotSerializable()
    {
        var outcome = ScriptRunner.Run("({ toJSON: function () { throw new RangeError('no json'); } })");

        var error = outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.ValueNotSerializable);
        Assert.Contains("RangeError: no json", error.Message);
    }

    [Fact]
    public void Execute_DeeplyNestedValue_ReturnsValueNotSerializable()
    {
        var outcome = ScriptRunner.Run("var v = 1; for (var i = 0; i < 100; i++) { v = [v]; } v");

        outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.ValueNotSerializable);
    }

    [Fact]
    public void Execute_Value_IsPlainJsonDetachedFromTheEngine()
    {
        var outcome = ScriptRunner.Run("({ list: [1, 2], nested: { fn: function () {}, d: new Date(86400000) } })");

        var value = outcome.Value!.Value;
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Equal("""{"list":[1,2],"nested":{"d":"1970-01-02T00:00:00.000Z"}}""", value.GetRawText());
    }

    [Fact]
    public void Execute_LoneSurrogateInValue_IsReplacedSoTheHostCanWriteIt()
    {
        var outcome = ScriptRunner.Run("'a' + String.fromCharCode(0xd800) + 'b'");

        Assert.Equal("a\ufffdb", outcome.Value!.Value.GetString());
        Assert.NotNull(JsonSerializer.Serialize(outcome.Value));
    }
}
