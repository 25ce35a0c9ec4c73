using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.CSharp.Tests.Support;

namespace CodeMode.Runtimes.CSharp.Tests;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("return 1+2;", "3")]
    [InlineData("var x = 2;\nx * 21", "42")]
    [InlineData("var name = \"w\"; return $\"hello {name}!\";", "\"hello w!\"")]
    [InlineData("return new[] { 3, 1, 2 }.OrderBy(x => x).Select(x => x * 10).ToList();", "[10,20,30]")]
    [InlineData("record P(int X, string Y); return new P(1, \"a\") with { Y = \"b\" };", "{\"X\":1,\"Y\":\"b\"}")]
    [InlineData("record P(int X); record Q(int X, int Y) : P(X); sealed record R(int X) : P(X); return new[] { new P(1) == new P(1), new Q(1, 2) == new Q(1, 2), new P(1).Equals(new Q(1, 2)), new R(1) == new R(1), new P(1) == new R(1) };", "[true,true,false,true,false]")]
    [InlineData("abstract record S { public int N { get; init; } } sealed record T : S; record G<V>(V Value); return new[] { new T { N = 1 } == new T { N = 1 }, new G<int>(1) == new G<int>(1), new G<int>(1).GetHashCode() == new G<int>(1).GetHashCode() };", "[true,true,true]")]
    [InlineData("record struct RS(int X); record L(int V, L Next); return new { s = new RS(1) == new RS(1), l = new L(1, new L(2, null)) == new L(1, new L(2, null)) };", "{\"s\":true,\"l\":true}")]
    [InlineData("return new { a = 1, b = new[] { \"x\" }, c = (string)null };", "{\"a\":1,\"b\":[\"x\"],\"c\":null}")]
    [InlineData("return new Dictionary<string, int> { [\"k\"] = 1 };", "{\"k\":1}")]
    [InlineData("return (1, \"two\");", "{\"Item1\":1,\"Item2\":\"two\"}")]
    [InlineData("await Task.Delay(1); await Task.Yield(); return 5;", "5")]
    [InlineData("return Regex.Match(\"a1b22\", \"[0-9]+\").Value;", "\"1\"")]
    [InlineData("var node = JsonNode.Parse(\"{\\\"a\\\":[1,2]}\"); return node[\"a\"].AsArray().Count;", "2")]
    [InlineData("return nameof(System.IO.File);", "\"File\"")]
    [InlineData("int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2); return Fib(15);", "610")]
    [InlineData("var sb = new StringBuilder(); foreach (var c in \"abc\") sb.Append(char.ToUpperInvariant(c)); return sb.ToString();", "\"ABC\"")]
    [InlineData("return DayOfWeek.Monday;", "\"Monday\"")]
    [InlineData("return double.NaN;", "null")]
    public void Script_GivesItsValueAsJson(string code, string expected)
    {
        var outcome = ScriptRunner.Run(code);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal(expected, outcome.Json());
    }

    [Fact]
    public void NoValue_WhenTheScriptReturnsNothing()
    {
        var outcome = ScriptRunner.Run("var x = 1;");

        Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        Assert.Null(outcome.Value);
    }

    [Fact]
    public void Console_IsCapturedWithLevels()
    {
        var outcome = ScriptRunner.Run("Console.WriteLine(\"hello\"); Console.WriteLine(\"{0}-{1}\", 1, 2); log(\"a\", 1, new { b = 2 }); warn(\"w\"); Console.Error.WriteLine(\"e\");");

        Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        Assert.Equal(
            ["log:hello", "log:1-2", "log:a 1 {\"b\":2}", "warn:w", "error:e"],
            outcome.Logs.Select(l => l.Level + ":" + l.Message).ToArray());
    }

    [Fact]
    public void CompileError_PointsIntoTheUsersCode()
    {
        var outcome = ScriptRunner.Run("var a = 1;\nvar b = a +;\n");

        Assert.Equal(ScriptStatus.CompileError, outcome.Status);
        Assert.Equal(ErrorCodes.SyntaxError, outcome.Error!.Code);
        Assert.Equal(2, outcome.Error.Line);
        Assert.Equal(12, outcome.Error.Column);
    }

    [Fact]
    public void TypeError_IsACompileErrorWithItsPosition()
    {
        var outcome = ScriptRunner.Run("var a = 1;\n  string s = a;");

        Assert.Equal(ScriptStatus.CompileError, outcome.Status);
        Assert.Equal(ErrorCodes.CompileError, outcome.Error!.Code);
        Assert.Contains("CS0029", outcome.Error.Message);
        Assert.Equal(2, outcome.Error.Line);
        Assert.Equal(14, outcome.Error.Column);
    }

    [Fact]
    public void UncaughtException_IsARuntimeErrorOnTheUsersLine()
    {
        var outcome = ScriptRunner.Run("var xs = new List<int>();\nfor (var i = 0; i < 3; i++) { xs.Add(i); }\nint F() => throw new InvalidOperationException(\"boom\");\nreturn F();");

        Assert.Equal(ScriptStatus.RuntimeError, outcome.Status);
        Assert.Equal(ErrorCodes.UncaughtException, outcome.Error!.Code);
        Assert.Equal("InvalidOperationException: boom", outcome.Error.Message);
        Assert.Equal(3, outcome.Error.Line);
    }

    [Fact]
    public void ReturningATask_IsNotSerializable()
    {
        var outcome = ScriptRunner.Run("return automem.CallAsync(\"recall_memory\");");

        Assert.Equal(ScriptStatus.RuntimeError, outcome.Status);
        Assert.Equal(ErrorCodes.ValueNotSerializable, outcome.Error!.Code);
    }

    [Fact]
    public void Cancellation_EndsTheScript()
    {
        using var cancellation = new CancellationTokenSource();
        var tools = new FakeToolBridge((_, _, _) =>
        {
            cancellation.Cancel();
            return ToolBridgeResult.FromValue(System.Text.Json.JsonDocument.Parse("{}").RootElement.Clone());
        });

        var outcome = ScriptRunner.Run("await automem.CallAsync(\"recall_memory\"); while (true) { }", tools: tools, cancellationToken: cancellation.Token);

        Assert.Equal(ScriptStatus.Cancelled, outcome.Status);
        Assert.Equal(ErrorCodes.Cancelled, outcome.Error!.Code);
    }
}
