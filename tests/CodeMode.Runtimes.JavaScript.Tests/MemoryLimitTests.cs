using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

[Collection(MemoryCollection.Name)]
public sealed class MemoryLimitTests
{
    private const long Limit = 16L * 1024 * 1024;

    public static TheoryData<string, string> Bombs => new()
    {
        { "pushing strings", "var a = []; var s = new Array(1001).join('x'); while (true) { a.push(s + a.length); }" },
        { "pushing arrays", "var a = []; while (true) { a.push([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); }" },
        { "growing one object", "var o = {}; var i = 0; while (true) { o['key' + i] = i; i++; }" },
        { "doubling strings", "var s = 'xxxxxxxx'; var keep = []; for (var i = 0; i < 40; i++) { s = s + s; keep.push(s); }" },
        { "bomb that swallows errors", "var a = []; while (true) { try { a.push({ n: a.length, s: 'payload' + a.length }); } catch (e) {} }" },
        { "bomb in a callback", "var a = []; [1].forEach(function () { while (true) { a.push('item ' + a.length); } });" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Execute_MemoryBomb_EndsWithMemoryLimit(string name, string code)
    {
        var outcome = ScriptRunner.Run(code, ScriptRunner.With(memoryLimitBytes: Limit, timeoutMs: 60_000));

        var error = outcome.AssertFailed(ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit);
        Assert.Contains("memory", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Execute_ChurningGarbage_IsNotMistakenForGrowth()
    {
        // Allocates far more than the limit in total, but keeps almost nothing alive.
        var outcome = ScriptRunner.Run(
            "var n = 0; for (var i = 0; i < 200000; i++) { var tmp = 'value ' + i + new Array(20).join('y'); n += tmp.length; } n",
            ScriptRunner.With(memoryLimitBytes: Limit, timeoutMs: 60_000));

        outcome.AssertSucceeded();
    }

    [Fact]
    public void Execute_OutOfMemoryException_ReportsMemoryLimitAndAsksForRecycling()
    {
        // In the worker an OutOfMemoryException comes from the DOTNET_GCHeapHardLimit ceiling; any allocation can throw it.
        var bridge = new FakeToolBridge(_ => throw new OutOfMemoryException());

        var outcome = ScriptRunner.Run("console.log('before'); try { automem.search({}); } catch (e) {} 'after'", tools: bridge);

        outcome.AssertFailed(ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit);
        Assert.True(outcome.Recycle);
        Assert.Equal([new LogEntry("log", "before")], outcome.Logs);
    }

    [Fact]
    public void Execute_AfterAMemoryBomb_NextExecutionRunsNormally()
    {
        ScriptRunner.Run("var a = []; while (true) { a.push([1, 2, 3]); }", ScriptRunner.With(memoryLimitBytes: Limit, timeoutMs: 60_000))
            .AssertFailed(ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit);

        var outcome = ScriptRunner.Run("[1, 2, 3].length", ScriptRunner.With(memoryLimitBytes: Limit));

        Assert.Equal("3", outcome.ValueJson());
    }
}
