using System.Diagnostics;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Core.Sandbox;
using Xunit.Abstractions;
using static CodeMode.Core.Tests.Sandbox.SandboxTestData;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>
/// The pool against real worker processes running the JavaScript runtime. Timeouts are generous and no timing is
/// asserted tightly: the machine is a noisy 2-core VM.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public sealed class SandboxWorkerPoolTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, int, long, ScriptStatus, string, bool> AdversarialScripts => new()
    {
        // name, code, timeoutMs, memoryLimitBytes, expected status, expected code, the worker must be replaced
        // (killed by the host, or recycled by the worker after an OutOfMemoryException at the heap ceiling)
        { "infinite loop", "while (true) {}", 1000, MemoryLimitBytes, ScriptStatus.Timeout, ErrorCodes.Timeout, false },
        { "catch cannot swallow the timeout", "while (true) { try { while (true) {} } catch (e) {} }", 1000, MemoryLimitBytes, ScriptStatus.Timeout, ErrorCodes.Timeout, false },
        { "one quadratic built-in call", "new Array(1e6).join('x')", 1000, MemoryLimitBytes, ScriptStatus.Timeout, ErrorCodes.Timeout, true },
        { "memory bomb", "var a = []; while (true) { a.push([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); }", 30_000, 32L * 1024 * 1024, ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit, false },
        { "one allocation past the heap ceiling", "var a = []; a[50000000] = 1; a.length = 60000000; a.sort(); 1", 30_000, 32L * 1024 * 1024, ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit, true },
        { "runaway recursion", "function f(n) { return f(n + 1) + 1; } f(0)", 10_000, MemoryLimitBytes, ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit, false },
    };

    [Fact]
    public async Task RunAsync_OnePlusOne_ReturnsTwo()
    {
        await using var pool = await StartPoolAsync();

        var outcome = await RunAsync(pool, "1+1");

        Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        Assert.Null(outcome.Error);
        Assert.Equal(2, outcome.Value!.Value.GetInt32());
    }

    [Fact]
    public async Task StartAsync_StartsPoolSizeWarmWorkers()
    {
        await using var pool = await StartPoolAsync(poolSize: 2);

        await EventuallyAsync(() => pool.GetStatus().Ready == 2);

        var status = pool.GetStatus();
        Assert.Equal(Language, status.Language);
        Assert.Equal(2, status.WorkersStarted);
        Assert.Equal(0, status.WorkersReplaced);
        Assert.Equal(0, status.Busy);
        Assert.Equal(0, status.Queued);
    }

    [Fact]
    public async Task RunAsync_RunsInAWorkerProcessThatSeesNoneOfTheHostEnvironment()
    {
        const string Secret = "CODEMODE_TEST_PLANTED_SECRET";
        Environment.SetEnvironmentVariable(Secret, "hunter2");
        try
        {
            await using var pool = await StartPoolAsync();
            var pid = Assert.Single(pool.GetWorkerProcessIds());

            var outcome = await RunAsync(pool, "1+1");

            Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
            Assert.NotEqual(Environment.ProcessId, pid);
            if (OperatingSystem.IsLinux())
            {
                var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
                output.WriteLine(string.Join(Environment.NewLine, environment));

                Assert.Contains("CodeMode.Sandbox.Worker.dll", commandLine);
                Assert.DoesNotContain(environment, e => e.StartsWith(Secret, StringComparison.Ordinal) || e.Contains("hunter2"));
                Assert.DoesNotContain(environment, e => e.StartsWith("PATH=", StringComparison.Ordinal) || e.StartsWith("HOME=", StringComparison.Ordinal));
                Assert.Contains($"DOTNET_GCHeapHardLimit=0x{(2 * MemoryLimitBytes) + (64L * 1024 * 1024):x}", environment);
                Assert.Contains("DOTNET_gcServer=0", environment);
                // Runtime settings and the pool's language, nothing else.
                Assert.All(environment, e => Assert.True(e.StartsWith("DOTNET_", StringComparison.Ordinal) || e.StartsWith("CODEMODE_WORKER_LANGUAGE=", StringComparison.Ordinal), e));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(Secret, null);
        }
    }

    [Theory]
    [MemberData(nameof(AdversarialScripts))]
    public async Task RunAsync_AdversarialScript_EndsWithStatusAndCodeAndTheNextExecutionSucceeds(
        string name, string code, int timeoutMs, long memoryLimitBytes, ScriptStatus status, string errorCode, bool replaced)
    {
        await using var pool = await StartPoolAsync(memoryLimitBytes: memoryLimitBytes);
        var stopwatch = Stopwatch.StartNew();

        var outcome = await RunAsync(pool, code, timeoutMs, memoryLimitBytes);

        output.WriteLine($"{name}: {outcome.Status} {outcome.Error} after {stopwatch.ElapsedMilliseconds} ms; {pool.GetStatus()}");
        Assert.Equal(status, outcome.Status);
        Assert.Equal(errorCode, outcome.Error?.Code);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(45), $"{name} took {stopwatch.Elapsed}");
        if (replaced)
        {
            await EventuallyAsync(() => pool.GetStatus().WorkersReplaced >= 1);
        }

        if (replaced && status == ScriptStatus.Timeout)
        {
            // The host's own verdict: it killed the worker and says which budget ran out.
            Assert.Contains($"{timeoutMs} ms", outcome.Error!.Message);
        }

        var next = await RunAsync(pool, "1+1");
        Assert.Equal(ScriptStatus.Succeeded, next.Status);
    }

    [Fact]
    public async Task RunAsync_DeepButBoundedRecursion_Succeeds()
    {
        // Thousands of nested JavaScript calls need far more than a default 1 MB (or 8 MB) stack.
        await using var pool = await StartPoolAsync();

        var outcome = await RunAsync(pool, "function f(n) { return n === 0 ? 0 : 1 + f(n - 1); } f(5000)", maxRecursion: 10_000);

        Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        Assert.Equal(5000, outcome.Value!.Value.GetInt32());
    }

    [Fact]
    public async Task RunAsync_WorkerKilledFromOutsideMidExecution_ReturnsWorkerCrashedAndIsReplaced()
    {
        await using var pool = await StartPoolAsync();
        var pid = Assert.Single(pool.GetWorkerProcessIds());
        var inCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new FakeToolHandler(async (_, ct) =>
        {
            ct.Register(() => handlerCancelled.TrySetResult());
            inCall.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new UnreachableException();
        });

        var running = pool.RunAsync(Execute("tools.wait({})", timeoutMs: 60_000), Catalog, tools);
        await inCall.Task.WaitAsync(Generous);
        Process.GetProcessById(pid).Kill();
        var outcome = await running.WaitAsync(Generous);

        Assert.Equal(ScriptStatus.RuntimeError, outcome.Status);
        Assert.Equal(ErrorCodes.WorkerCrashed, outcome.Error?.Code);
        Assert.Contains("exit code", outcome.Error!.Message);
        await handlerCancelled.Task.WaitAsync(Generous);
        await EventuallyAsync(() => pool.GetStatus().WorkersReplaced == 1);
        Assert.Equal(ScriptStatus.Succeeded, (await RunAsync(pool, "1+1")).Status);
        Assert.DoesNotContain(pid, pool.GetWorkerProcessIds());
    }

    [Fact]
    public async Task IdleWorkerKilledFromOutside_IsReplacedAndTheNextExecutionSucceeds()
    {
        await using var pool = await StartPoolAsync();
        var pid = Assert.Single(pool.GetWorkerProcessIds());

        Process.GetProcessById(pid).Kill();
        await EventuallyAsync(() => pool.GetStatus() is { WorkersReplaced: 1, Ready: 1 });

        Assert.Equal(ScriptStatus.Succeeded, (await RunAsync(pool, "1+1")).Status);
    }

    [Theory]
    [InlineData("in the script", "tools.echo({}); while (true) {}")]
    [InlineData("in a tool call", "tools.wait({})")]
    public async Task RunAsync_CallerCancels_ReturnsCancelled(string where, string code)
    {
        await using var pool = await StartPoolAsync();
        var inCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new FakeToolHandler(async (call, ct) =>
        {
            inCall.TrySetResult();
            if (call.Tool == "wait")
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return ToolBridgeResult.FromValue(call.Arguments.Clone());
        });
        using var cancellation = new CancellationTokenSource();

        var running = pool.RunAsync(Execute(code, timeoutMs: 60_000), Catalog, tools, cancellation.Token);
        await inCall.Task.WaitAsync(Generous);
        await cancellation.CancelAsync();
        var outcome = await running.WaitAsync(Generous);

        output.WriteLine($"{where}: {outcome.Error}; {pool.GetStatus()}");
        Assert.Equal(ScriptStatus.Cancelled, outcome.Status);
        Assert.Equal(ErrorCodes.Cancelled, outcome.Error?.Code);
        Assert.Equal(ScriptStatus.Succeeded, (await RunAsync(pool, "1+1")).Status);
    }

    [Fact]
    public async Task RunAsync_QueueFull_ThrowsExecutionRejected()
    {
        await using var pool = await StartPoolAsync(maxQueued: 1);
        var (tools, inCall, release) = BlockingTools();

        var first = pool.RunAsync(Execute("tools.wait({})", timeoutMs: 60_000), Catalog, tools);
        await inCall.Task.WaitAsync(Generous);
        var queued = pool.RunAsync(Execute("1+1"), Catalog, tools);
        await EventuallyAsync(() => pool.GetStatus().Queued == 1);
        var rejected = await Assert.ThrowsAsync<ExecutionRejectedException>(() => pool.RunAsync(Execute("1+1"), Catalog, tools));
        release.SetResult();

        Assert.Equal(ErrorCodes.QueueFull, rejected.Code);
        Assert.True(rejected.RetryAfter > TimeSpan.Zero);
        Assert.Equal(ScriptStatus.Succeeded, (await first.WaitAsync(Generous)).Status);
        Assert.Equal(ScriptStatus.Succeeded, (await queued.WaitAsync(Generous)).Status);
        Assert.Equal(0, pool.GetStatus().Queued);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileQueued_ThrowsAndLeavesTheQueue()
    {
        await using var pool = await StartPoolAsync();
        var (tools, inCall, release) = BlockingTools();
        using var cancellation = new CancellationTokenSource();

        var first = pool.RunAsync(Execute("tools.wait({})", timeoutMs: 60_000), Catalog, tools);
        await inCall.Task.WaitAsync(Generous);
        var queued = pool.RunAsync(Execute("1+1"), Catalog, tools, cancellation.Token);
        await EventuallyAsync(() => pool.GetStatus().Queued == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Generous));
        Assert.Equal(0, pool.GetStatus().Queued);
        release.SetResult();
        Assert.Equal(ScriptStatus.Succeeded, (await first.WaitAsync(Generous)).Status);
    }

    [Fact]
    public async Task RunAsync_ToolValue_ReachesTheScriptAndTheHandlerSeesTheCall()
    {
        await using var pool = await StartPoolAsync();
        using var answer = JsonDocument.Parse("""{"answer":42}""");
        var tools = new FakeToolHandler((_, _) => ValueTask.FromResult(ToolBridgeResult.FromValue(answer.RootElement.Clone())));

        var outcome = await RunAsync(pool, "var r = tools.echo({ q: 'life', n: [1, 2] }); r.answer + 1", tools: tools);

        Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        Assert.Equal(43, outcome.Value!.Value.GetInt32());
        var call = Assert.Single(tools.Calls);
        Assert.Equal(("tools", "echo"), (call.Server, call.Tool));
        Assert.Equal("life", call.Arguments.GetProperty("q").GetString());
        Assert.Equal(2, call.Arguments.GetProperty("n").GetArrayLength());
    }

    [Fact]
    public async Task RunAsync_ToolError_IsCatchableByTheScript()
    {
        await using var pool = await StartPoolAsync();
        var tools = new FakeToolHandler((_, _) => ValueTask.FromResult(ToolBridgeResult.FromError(ErrorCodes.ToolFailed, "no such memory")));

        var outcome = await RunAsync(pool, "try { tools.fail({}); 'not thrown' } catch (e) { 'caught: ' + e.message }", tools: tools);

        Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        var value = outcome.Value!.Value.GetString();
        Assert.StartsWith("caught: ", value);
        Assert.Contains("no such memory", value);
    }

    [Fact]
    public async Task RunAsync_ToolAbort_EndsTheScriptWithItsStatusAndCannotBeCaught()
    {
        await using var pool = await StartPoolAsync();
        var tools = new FakeToolHandler((_, _) =>
            ValueTask.FromResult(ToolBridgeResult.FromAbort(ScriptStatus.PolicyDenied, ErrorCodes.ServerNotAllowed, "not allowed")));

        var outcome = await RunAsync(pool, "try { tools.deny({}); 'went on' } catch (e) { 'caught' }", tools: tools);

        Assert.Equal(ScriptStatus.PolicyDenied, outcome.Status);
        Assert.Equal(ErrorCodes.ServerNotAllowed, outcome.Error?.Code);
        Assert.Equal(ScriptStatus.Succeeded, (await RunAsync(pool, "1+1")).Status);
    }

    [Fact]
    public async Task RunAsync_NewCatalogVersion_IsSentToTheWorkerBeforeTheExecution()
    {
        await using var pool = await StartPoolAsync();
        var first = new ConfigureMessage(1, [new ProxyServer("tools", ["echo"])]);
        var second = new ConfigureMessage(2, [new ProxyServer("tools", ["echo"]), new ProxyServer("extra", ["ping"])]);
        string[] both = ["tools", "extra"];

        var before = await pool.RunAsync(Execute("typeof extra", servers: both), first, new FakeToolHandler());
        var after = await pool.RunAsync(Execute("typeof extra.ping", servers: both), second, new FakeToolHandler());
        var notGranted = await pool.RunAsync(Execute("typeof extra", servers: ["tools"]), second, new FakeToolHandler());

        Assert.Equal("undefined", before.Value!.Value.GetString());
        Assert.Equal("function", after.Value!.Value.GetString());
        Assert.Equal("undefined", notGranted.Value!.Value.GetString());
    }

    [Fact]
    public async Task PrepareWorkersWith_TheWorkerHasTheCatalogBeforeItsFirstExecution()
    {
        var pool = new SandboxWorkerPool(
            new SandboxPoolOptions { Language = Language, MemoryLimitBytes = MemoryLimitBytes, PoolSize = 1 },
            new TestLogger<SandboxWorkerPool>(output));
        await using var _ = pool;
        var asked = 0;
        pool.PrepareWorkersWith(() =>
        {
            Interlocked.Increment(ref asked);
            return new ConfigureMessage(7, [new ProxyServer("tools", ["echo"]), new ProxyServer("extra", ["ping"])], Prepare: ["tools", "extra"]);
        });
        await pool.StartAsync().WaitAsync(Generous);

        // Same version, different content: the pool sends nothing, so what the script sees came before ready.
        var outcome = await pool.RunAsync(Execute("typeof extra.ping", servers: ["tools", "extra"]), new ConfigureMessage(7, []), new FakeToolHandler());
        var changed = await pool.RunAsync(Execute("typeof extra", servers: ["tools", "extra"]), new ConfigureMessage(8, [new ProxyServer("tools", ["echo"])]), new FakeToolHandler());

        Assert.Equal(1, asked);
        Assert.Equal("function", outcome.Value!.Value.GetString());
        Assert.Equal("undefined", changed.Value!.Value.GetString());
    }

    [Fact]
    public async Task PrepareWorkersWith_ACatalogThatThrows_StillStartsTheWorker()
    {
        var pool = new SandboxWorkerPool(
            new SandboxPoolOptions { Language = Language, MemoryLimitBytes = MemoryLimitBytes, PoolSize = 1 },
            new TestLogger<SandboxWorkerPool>(output));
        await using var _ = pool;
        pool.PrepareWorkersWith(() => throw new InvalidOperationException("no catalog yet"));
        await pool.StartAsync().WaitAsync(Generous);

        var outcome = await RunAsync(pool, "typeof tools.echo");

        Assert.Equal("function", outcome.Value!.Value.GetString());
    }

    [Fact]
    public async Task DisposeAsync_EndsRunningExecutionsAndLeavesNoWorkerProcesses()
    {
        var pool = await StartPoolAsync(poolSize: 2);
        await EventuallyAsync(() => pool.GetStatus().Ready == 2);
        var pids = pool.GetWorkerProcessIds();
        var running = pool.RunAsync(Execute("while (true) {}", timeoutMs: 60_000), Catalog, new FakeToolHandler());
        await EventuallyAsync(() => pool.GetStatus().Busy == 1);

        await pool.DisposeAsync().AsTask().WaitAsync(Generous);
        var outcome = await running.WaitAsync(Generous);

        Assert.Equal(2, pids.Count);
        Assert.Equal(ScriptStatus.Cancelled, outcome.Status);
        Assert.Equal(ErrorCodes.Cancelled, outcome.Error?.Code);
        foreach (var pid in pids)
        {
            await EventuallyAsync(() => !IsRunning(pid));
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.RunAsync(Execute("1+1"), Catalog, new FakeToolHandler()));
    }

    private static (FakeToolHandler Tools, TaskCompletionSource InCall, TaskCompletionSource Release) BlockingTools()
    {
        var inCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new FakeToolHandler(async (call, ct) =>
        {
            if (call.Tool == "wait")
            {
                inCall.TrySetResult();
                await release.Task.WaitAsync(ct);
            }

            return ToolBridgeResult.FromValue(call.Arguments.Clone());
        });
        return (tools, inCall, release);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Task<SandboxOutcome> RunAsync(
        SandboxWorkerPool pool, string code, int timeoutMs = 10_000, long memoryLimitBytes = MemoryLimitBytes, int maxRecursion = 1000, FakeToolHandler? tools = null) =>
        pool.RunAsync(Execute(code, timeoutMs, memoryLimitBytes, maxRecursion), Catalog, tools ?? new FakeToolHandler()).WaitAsync(Generous);

    private async Task<SandboxWorkerPool> StartPoolAsync(int poolSize = 1, long memoryLimitBytes = MemoryLimitBytes, int maxQueued = 64)
    {
        var pool = new SandboxWorkerPool(
            new SandboxPoolOptions { Language = Language, MemoryLimitBytes = memoryLimitBytes, PoolSize = poolSize, MaxQueuedExecutions = maxQueued },
            new TestLogger<SandboxWorkerPool>(output));
        await pool.StartAsync().WaitAsync(Generous);
        return pool;
    }
}
