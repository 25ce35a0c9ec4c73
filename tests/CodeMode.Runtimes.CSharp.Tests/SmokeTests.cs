using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.CSharp.Tests.Support;

namespace CodeMode.Runtimes.CSharp.Tests;

public sealed class SmokeTests
{
    [Theory]
    [InlineData("return 1+2;", "3")]
    [InlineData("1+2", "3")]
    [InlineData("var r = await automem.store_memory(content: \"x\", tags: new[] { \"a\" }); return r.args;", "{\"content\":\"x\",\"tags\":[\"a\"]}")]
    [InlineData("Console.WriteLine(\"hi\"); log(1, \"a\"); return 1;", "1")]
    [InlineData("class C { public int F(int n) => n <= 1 ? 1 : n * F(n - 1); } return new C().F(5);", "120")]
    [InlineData("record P(int X, string Y); return new P(1, \"a\");", "{\"X\":1,\"Y\":\"a\"}")]
    public void Runs(string code, string expected)
    {
        var outcome = ScriptRunner.Run(code);
        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal(expected, outcome.Json());
    }
}
