using System.Diagnostics;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;
using Xunit.Abstractions;

namespace CodeMode.Runtimes.JavaScript.Tests;

public sealed class RuntimeContractTests(ITestOutputHelper output)
{
    [Fact]
    public void Language_IsJavascript()
    {
        Assert.Equal("javascript", new JavaScriptRuntime().Language);
    }

    [Fact]
    public void WarmUp_RunsAndLeavesTheRuntimeUsable()
    {
        var runtime = new JavaScriptRuntime();

        ScriptRunner.OnWorkerThread(() =>
        {
            runtime.WarmUp();
            return 0;
        });

        Assert.Equal("2", ScriptRunner.Run("1 + 1", runtime: runtime).ValueJson());
    }

    public static TheoryData<ExecutionLimits, string> InvalidLimits => new()
    {
        { ScriptRunner.With(timeoutMs: 0), "TimeoutMs" },
        { ScriptRunner.With(memoryLimitBytes: -1), "MemoryLimitBytes" },
        { ScriptRunner.With(maxStatements: 0), "MaxStatements" },
        { ScriptRunner.With(maxRecursion: 0), "MaxRecursion" },
        { ScriptRunner.With(maxOutputBytes: 0), "MaxOutputBytes" },
        { ScriptRunner.With(maxToolCalls: -1), "MaxToolCalls" },
    };

    [Theory]
    [MemberData(nameof(InvalidLimits))]
    public void Execute_InvalidLimits_AreRejectedBeforeRunning(ExecutionLimits limits, string field)
    {
        var bridge = new FakeToolBridge();

        var outcome = ScriptRunner.Run("automem.search({})", limits, bridge);

        var error = outcome.AssertFailed(ScriptStatus.InternalError, ErrorCodes.InvalidConfiguration);
        Assert.Contains(field, error.Message);
        Assert.Empty(bridge.Calls);
    }

    [Fact]
    public void Execute_HugeStatementLimit_IsClampedNotOverflowed()
    {
        var outcome = ScriptRunner.Run("var n = 0; for (var i = 0; i < 100; i++) { n++; } n", ScriptRunner.With(maxStatements: long.MaxValue));

        Assert.Equal("100", outcome.ValueJson());
    }

    [Fact]
    public void Execute_WarmRuntime_RunsASmallScriptQuickly()
    {
        // A smoke test against accidental slowness, with a bound far above the ~1 ms target so a noisy VM cannot fail it.
        var runtime = new JavaScriptRuntime();
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"items":[{"id":1},{"id":2}]}""")));
        const string code = """
            var found = automem.search({ query: 'notes', limit: 5 });
            console.log('found', found.items.length);
            var ids = [];
            for (var i = 0; i < found.items.length; i++) { ids.push(found.items[i].id); }
            return { ids: ids, ok: true };
            """;
        var execution = new SandboxExecution("perf", code, ScriptRunner.DefaultLimits, DeniableOperations.JavaScript, ScriptRunner.DefaultProxies);

        var timings = ScriptRunner.OnWorkerThread(() =>
        {
            runtime.WarmUp();
            var samples = new List<double>();
            for (var i = 0; i < 300; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = runtime.Execute(execution, bridge, CancellationToken.None);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
            }

            samples.Sort();
            return samples;
        });

        var median = timings[timings.Count / 2];
        output.WriteLine($"median {median:F3} ms, p90 {timings[timings.Count * 9 / 10]:F3} ms, min {timings[0]:F3} ms");
        Assert.True(median < 20, $"median {median:F3} ms");
    }
}
