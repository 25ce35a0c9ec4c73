using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

/// <summary>
/// The worker builds the next execution's engine while it waits for work. A prepared engine must be as fresh as one
/// built on the spot, and must carry the limits of the execution that takes it, not of any before it.
/// </summary>
public sealed class PreparedEngineTests
{
    private readonly JavaScriptRuntime _runtime = new();

    [Fact]
    public void Execute_OnAPreparedEngine_SeesNothingOfTheExecutionBefore()
    {
        Run("leaked = 1; Object.prototype.polluted = 2; Array.prototype.push = null; JSON.parse = null; 1").AssertSucceeded();
        Prepare();

        var outcome = Run("[typeof leaked, typeof ({}).polluted, typeof [].push, typeof JSON.parse]");

        Assert.Equal("""["undefined","undefined","function","function"]""", outcome.ValueJson());
    }

    [Fact]
    public void Execute_PreparedBeforeTheDenialsAreKnown_StillDeniesEval()
    {
        Prepare();

        var outcome = Run("eval('1+1')", denied: ["eval"]);

        outcome.AssertFailed(ScriptStatus.PolicyDenied, ErrorCodes.DeniedOperation);
    }

    [Theory]
    [InlineData("statements")]
    [InlineData("recursion")]
    [InlineData("timeout")]
    public void Execute_OnAPreparedEngine_AppliesThisExecutionsLimits(string limit)
    {
        // Generous limits first, so the prepared engine's predecessor had none of the tight ones.
        Run("var n = 0; for (var i = 0; i < 100000; i++) { n++; } n").AssertSucceeded();
        Prepare();

        var (code, limits, status, errorCode) = limit switch
        {
            "statements" => ("while (true) {}", ScriptRunner.With(maxStatements: 1000), ScriptStatus.StatementLimit, ErrorCodes.StatementLimit),
            "recursion" => ("function f(n) { return f(n + 1); } f(0)", ScriptRunner.With(maxRecursion: 10), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit),
            _ => ("while (true) {}", ScriptRunner.With(timeoutMs: 200, maxStatements: 10_000_000_000), ScriptStatus.Timeout, ErrorCodes.Timeout),
        };

        Run(code, limits).AssertFailed(status, errorCode);
    }

    [Fact]
    public void Execute_AfterATightLimit_ThePreparedEngineDoesNotKeepIt()
    {
        Prepare();
        Run("while (true) {}", ScriptRunner.With(maxStatements: 1000)).AssertFailed(ScriptStatus.StatementLimit, ErrorCodes.StatementLimit);
        Prepare();

        var outcome = Run("var n = 0; for (var i = 0; i < 100000; i++) { n++; } n");

        Assert.Equal("100000", outcome.ValueJson());
    }

    [Fact]
    public void PrepareNextExecution_Repeated_StillGivesEachExecutionItsOwnEngine()
    {
        Prepare();
        Prepare();
        Run("leaked = 1").AssertSucceeded();

        Assert.Equal("\"undefined\"", Run("typeof leaked").ValueJson());
    }

    [Fact]
    public async Task Execute_OverlappingOnTwoThreads_NeverShareAPreparedEngine()
    {
        // Each run marks its global object and waits for the other; a shared engine would show the other's mark.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            Prepare();
            using var bothStarted = new Barrier(2);
            var bridge = new BarrierToolBridge(bothStarted);
            var proxies = new[] { new ProxyServer("sync", ["meet"]) };
            var first = Task.Run(() => ScriptRunner.Run("mark = 'first'; sync.meet({}); typeof mark === 'string' ? mark : 'none'", tools: bridge, proxies: proxies, runtime: _runtime));
            var second = Task.Run(() => ScriptRunner.Run("mark = 'second'; sync.meet({}); typeof mark === 'string' ? mark : 'none'", tools: bridge, proxies: proxies, runtime: _runtime));

            Assert.Equal("\"first\"", (await first).ValueJson());
            Assert.Equal("\"second\"", (await second).ValueJson());
        }
    }

    private void Prepare() => ScriptRunner.OnWorkerThread(() =>
    {
        _runtime.PrepareNextExecution();
        return 0;
    });

    private SandboxOutcome Run(string code, ExecutionLimits? limits = null, IReadOnlyList<string>? denied = null) =>
        ScriptRunner.Run(code, limits, denied: denied, runtime: _runtime);

    /// <summary>Holds each caller until both executions are inside a tool call at the same time.</summary>
    private sealed class BarrierToolBridge(Barrier barrier) : IToolBridge
    {
        public ToolBridgeResult Call(string server, string tool, string argumentsJson)
        {
            barrier.SignalAndWait(TimeSpan.FromSeconds(20));
            return ToolBridgeResult.FromValue(JsonSerializer.SerializeToElement(true));
        }
    }
}
