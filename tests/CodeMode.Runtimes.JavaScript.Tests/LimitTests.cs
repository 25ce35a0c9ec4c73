using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

/// <summary>
/// Adversarial scripts against every limit the runtime can enforce from inside the worker. Each case asserts the
/// status and the error code; none asserts timings (the machine is a noisy 2-core VM).
/// <para>
/// Not here on purpose: a single long built-in call such as <c>new Array(1e6).join('x')</c> (quadratic in Jint 2,
/// minutes long) or <c>JSON.stringify</c> of a value nested a million deep. Jint checks its limits only between
/// statements, so nothing inside the process can stop those; the host's wall-clock kill of the worker process
/// covers them, and the worker-pool tests exercise that.
/// </para>
/// </summary>
public sealed class LimitTests
{
    public static TheoryData<string, string, ExecutionLimits, ScriptStatus, string> Runaways => new()
    {
        { "infinite while", "while (true) {}", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "infinite for", "for (;;) { var x = 1; }", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "infinite do-while", "do { } while (true);", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "loop swallowing the timeout", "while (true) { try { while (true) {} } catch (e) {} }", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "finally that continues", "while (true) { try { while (true) {} } finally { continue; } }", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "catch that restarts the loop", "function spin() { try { while (true) {} } catch (e) { spin(); } } spin();", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "infinite loop in a callback", "[1].forEach(function () { while (true) {} });", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "infinite loop in a sort comparator", "[3, 1, 2].sort(function (a, b) { while (true) {} });", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "infinite loop in toJSON of the value", "({ toJSON: function () { while (true) {} } })", ScriptRunner.With(timeoutMs: 300), ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "statement flood", "var i = 0; while (true) { i++; }", ScriptRunner.With(maxStatements: 10_000), ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "statement flood swallowed", "while (true) { try { for (;;) {} } catch (e) {} }", ScriptRunner.With(maxStatements: 10_000), ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "direct recursion", "function r(n) { return r(n + 1); } r(0);", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion that catches", "function r() { try { r(); } catch (e) { r(); } } r();", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "mutual recursion", "function a() { b(); } function b() { a(); } a();", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion through a callback", "function f() { [1].forEach(f); } f();", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion through new", "function F() { new F(); } new F();", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion through a getter", "var o = {}; Object.defineProperty(o, 'x', { get: function () { return o.x; } }); o.x;", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion through valueOf", "var o = { valueOf: function () { return +o; } }; +o;", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion through toString", "var o = { toString: function () { return '' + o; } }; '' + o;", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion through toJSON", "var o = { toJSON: function () { return JSON.stringify(o); } }; JSON.stringify(o);", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion through apply", "function r() { r.apply(null, []); } r();", ScriptRunner.With(maxRecursion: 50), ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "output flood", "while (true) { console.log('spam spam spam spam'); }", ScriptRunner.With(maxOutputBytes: 4096), ScriptStatus.OutputLimit, ErrorCodes.OutputLimit },
        { "output flood swallowed", "while (true) { try { console.error('x'); } catch (e) {} }", ScriptRunner.With(maxOutputBytes: 1024), ScriptStatus.OutputLimit, ErrorCodes.OutputLimit },
        { "one huge line", "var s = 'x'; for (var i = 0; i < 20; i++) { s += s; } console.log(s);", ScriptRunner.With(maxOutputBytes: 10_000), ScriptStatus.OutputLimit, ErrorCodes.OutputLimit },
        { "huge value", "var a = []; for (var i = 0; i < 10000; i++) { a.push('item ' + i); } a", ScriptRunner.With(maxOutputBytes: 10_000), ScriptStatus.OutputLimit, ErrorCodes.OutputLimit },
        { "tool-call flood", "while (true) { automem.search({ q: 'x' }); }", ScriptRunner.With(maxToolCalls: 5), ScriptStatus.RateLimited, ErrorCodes.ToolCallLimit },
        { "tool-call flood swallowed", "while (true) { try { automem.search({}); } catch (e) {} finally { } }", ScriptRunner.With(maxToolCalls: 5), ScriptStatus.RateLimited, ErrorCodes.ToolCallLimit },
        { "no tool calls allowed", "automem.search({});", ScriptRunner.With(maxToolCalls: 0), ScriptStatus.RateLimited, ErrorCodes.ToolCallLimit },
    };

    [Theory]
    [MemberData(nameof(Runaways))]
    public void Execute_Runaway_EndsWithItsLimit(string name, string code, ExecutionLimits limits, ScriptStatus status, string errorCode)
    {
        var outcome = ScriptRunner.Run(code, limits);

        var error = outcome.AssertFailed(status, errorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message), name);
    }

    [Fact]
    public void Execute_RecursionDeeperThanTheStack_EndsWithRecursionLimitInsteadOfCrashing()
    {
        // A recursion limit above what the stack holds must not take the worker down with a StackOverflow. A 16 MB
        // stack keeps this quick: with 256 MB the same guard holds, but the garbage collector's stack scans make
        // reaching it take tens of seconds, and the timeout ends such a script first.
        var outcome = ScriptRunner.Run(
            "function r(n) { return n === 0 ? 0 : 1 + r(n + 1); } try { r(1); } catch (e) {} finally { console.log('finally'); }",
            ScriptRunner.With(maxRecursion: 100_000_000),
            stackBytes: 16 * 1024 * 1024);

        var error = outcome.AssertFailed(ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit);
        Assert.Contains("stack", error.Message);
        Assert.Empty(outcome.Logs);
    }

    [Fact]
    public void Execute_Timeout_KeepsLogsWrittenBeforeIt()
    {
        var outcome = ScriptRunner.Run("console.log('before'); while (true) {}", ScriptRunner.With(timeoutMs: 300));

        outcome.AssertFailed(ScriptStatus.Timeout, ErrorCodes.Timeout);
        Assert.Equal([new LogEntry("log", "before")], outcome.Logs);
    }

    [Fact]
    public void Execute_Timeout_PointsAtTheRunawayCode()
    {
        var outcome = ScriptRunner.Run("var a = 1;\nwhile (true) {\n  a++;\n}", ScriptRunner.With(timeoutMs: 300));

        var error = outcome.AssertFailed(ScriptStatus.Timeout, ErrorCodes.Timeout);
        Assert.InRange(error.Line ?? 0, 2, 3);
        Assert.Contains("300 ms", error.Message);
    }

    [Fact]
    public void Execute_TimeSpentInToolCalls_CountsAgainstTheTimeout()
    {
        var slow = new FakeToolBridge(_ =>
        {
            Thread.Sleep(400);
            return ToolBridgeResult.FromValue(FakeToolBridge.Json("1"));
        });

        var outcome = ScriptRunner.Run("automem.search({}); 'done'", ScriptRunner.With(timeoutMs: 100), slow);

        var error = outcome.AssertFailed(ScriptStatus.Timeout, ErrorCodes.Timeout);
        Assert.Contains("tool calls", error.Message);
        Assert.Single(slow.Calls);
    }

    [Fact]
    public void Execute_ToolCallLimit_AllowsExactlyTheLimit()
    {
        var bridge = new FakeToolBridge();

        var within = ScriptRunner.Run("for (var i = 0; i < 3; i++) { automem.search({ i: i }); } 'ok'", ScriptRunner.With(maxToolCalls: 3), bridge);
        var over = ScriptRunner.Run("for (var i = 0; i < 4; i++) { automem.search({ i: i }); } 'ok'", ScriptRunner.With(maxToolCalls: 3), bridge);

        Assert.Equal("\"ok\"", within.ValueJson());
        var error = over.AssertFailed(ScriptStatus.RateLimited, ErrorCodes.ToolCallLimit);
        Assert.Equal("automem.search", error.Tool);
        Assert.Contains("4", error.Message);
        Assert.Equal(6, bridge.Calls.Count);
    }

    [Fact]
    public void Execute_OutputLimit_KeepsWhatFitsAndSaysItWasTruncated()
    {
        var outcome = ScriptRunner.Run("console.log('0123456789'); console.log('abcdefghijklmnopqrstuvwxyz');", ScriptRunner.With(maxOutputBytes: 15));

        outcome.AssertFailed(ScriptStatus.OutputLimit, ErrorCodes.OutputLimit);
        Assert.Equal(2, outcome.Logs.Count);
        Assert.Equal("0123456789", outcome.Logs[0].Message);
        Assert.StartsWith("abcde…", outcome.Logs[1].Message);
        Assert.Contains("truncated", outcome.Logs[1].Message);
    }

    [Fact]
    public void Execute_OutputLimit_CountsLogsAndValueTogether()
    {
        var outcome = ScriptRunner.Run("console.log('1234567890'); 'abcdefghij'", ScriptRunner.With(maxOutputBytes: 15));

        var error = outcome.AssertFailed(ScriptStatus.OutputLimit, ErrorCodes.OutputLimit);
        Assert.Contains("12 bytes", error.Message);
        Assert.Equal([new LogEntry("log", "1234567890")], outcome.Logs);
    }

    [Fact]
    public void Execute_OutputLimit_CountsUtf8Bytes()
    {
        var outcome = ScriptRunner.Run("console.log('\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9');", ScriptRunner.With(maxOutputBytes: 10));

        outcome.AssertFailed(ScriptStatus.OutputLimit, ErrorCodes.OutputLimit);
        Assert.StartsWith("\u00e9\u00e9\u00e9\u00e9\u00e9…", outcome.Logs[0].Message);
    }

    [Fact]
    public void Execute_CancelledWhileRunning_ReturnsCancelled()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var outcome = ScriptRunner.Run("while (true) { try { while (true) {} } catch (e) {} }", cancellationToken: cancellation.Token);

        outcome.AssertFailed(ScriptStatus.Cancelled, ErrorCodes.Cancelled);
    }

    [Fact]
    public void Execute_CancelledDuringAToolCall_ReturnsCancelledWhenTheCallReturns()
    {
        using var cancellation = new CancellationTokenSource();
        var bridge = new FakeToolBridge(_ =>
        {
            cancellation.Cancel();
            return ToolBridgeResult.FromValue(FakeToolBridge.Json("{}"));
        });

        var outcome = ScriptRunner.Run(
            "try { automem.search({}); } catch (e) {} console.log('after'); 'done'",
            tools: bridge,
            cancellationToken: cancellation.Token);

        outcome.AssertFailed(ScriptStatus.Cancelled, ErrorCodes.Cancelled);
        Assert.Empty(outcome.Logs);
    }

    [Fact]
    public void Execute_CancelledBeforeStart_ReturnsCancelledWithoutRunning()
    {
        var bridge = new FakeToolBridge();

        var outcome = ScriptRunner.Run("automem.search({});", tools: bridge, cancellationToken: new CancellationToken(canceled: true));

        outcome.AssertFailed(ScriptStatus.Cancelled, ErrorCodes.Cancelled);
        Assert.Empty(bridge.Calls);
    }

    [Fact]
    public void Execute_RecursionWithinTheLimit_Succeeds()
    {
        var outcome = ScriptRunner.Run("function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); } fact(50)", ScriptRunner.With(maxRecursion: 50));

        Assert.Equal(3.0414093201713376E+64, outcome.Value!.Value.GetDouble());
    }

    [Fact]
    public void Execute_RecursionOneOverTheLimit_Fails()
    {
        var outcome = ScriptRunner.Run("function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); } fact(51)", ScriptRunner.With(maxRecursion: 50));

        var error = outcome.AssertFailed(ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit);
        Assert.Contains("fact", error.Message);
    }

    [Fact]
    public void Execute_Limits_DoNotLeakIntoTheNextExecution()
    {
        ScriptRunner.Run("while (true) {}", ScriptRunner.With(timeoutMs: 200)).AssertFailed(ScriptStatus.Timeout, ErrorCodes.Timeout);

        var outcome = ScriptRunner.Run("var n = 0; for (var i = 0; i < 1000; i++) { n += i; } n");

        Assert.Equal("499500", outcome.ValueJson());
    }
}
