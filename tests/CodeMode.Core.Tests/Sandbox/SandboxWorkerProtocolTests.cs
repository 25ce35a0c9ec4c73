using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Core.Sandbox;
using Xunit.Abstractions;
using static CodeMode.Core.Tests.Sandbox.SandboxTestData;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>
/// The pool against scripted in-memory workers that break the protocol, die or stall, the way a compromised or
/// buggy worker could. Every case ends as data (status and code), the worker is killed and replaced, and the next
/// execution succeeds on the replacement.
/// </summary>
public sealed class SandboxWorkerProtocolTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly JsonElement EmptyArguments = JsonSerializer.SerializeToElement(new { });

    public static TheoryData<string, ScriptStatus, string> Misbehaviours => new()
    {
        { "malformed frame", ScriptStatus.InternalError, ErrorCodes.InternalError },
        { "absurd frame length", ScriptStatus.InternalError, ErrorCodes.InternalError },
        { "done for another execution", ScriptStatus.InternalError, ErrorCodes.InternalError },
        { "tool call for another execution", ScriptStatus.InternalError, ErrorCodes.InternalError },
        { "ready again mid-execution", ScriptStatus.InternalError, ErrorCodes.InternalError },
        { "host-only message", ScriptStatus.InternalError, ErrorCodes.InternalError },
        { "more tool calls than the limit", ScriptStatus.InternalError, ErrorCodes.InternalError },
        { "dies out of memory", ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit },
        { "dies", ScriptStatus.RuntimeError, ErrorCodes.WorkerCrashed },
        { "closes stdout but lives on", ScriptStatus.RuntimeError, ErrorCodes.WorkerCrashed },
        { "never answers", ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "asks to be recycled", ScriptStatus.InternalError, ErrorCodes.InternalError },
    };

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public async Task RunAsync_MisbehavingWorker_EndsAsDataAndIsReplaced(string misbehaviour, ScriptStatus status, string errorCode)
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        await using var pool = CreatePool(workers, first => MisbehaveAsync(first, misbehaviour));
        await pool.StartAsync().WaitAsync(Generous);

        var outcome = await pool.RunAsync(Execute("1+1", timeoutMs: 500), Catalog, new FakeToolHandler()).WaitAsync(Generous);

        output.WriteLine($"{misbehaviour}: {outcome.Status} {outcome.Error}");
        Assert.Equal(status, outcome.Status);
        Assert.Equal(errorCode, outcome.Error?.Code);
        var first = workers.First();
        await EventuallyAsync(() => pool.GetStatus().WorkersReplaced == 1);
        Assert.True(first.Exited.IsCompleted, "The misbehaving worker is still running.");
        Assert.Equal(2, (await pool.RunAsync(Execute("1+1"), Catalog, new FakeToolHandler()).WaitAsync(Generous)).Value!.Value.GetInt32());
    }

    [Fact]
    public async Task RunAsync_WorkerDiesPlainly_ReportsTheExitCodeButNotItsStderr()
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        await using var pool = CreatePool(workers, first => MisbehaveAsync(first, "dies"));

        var outcome = await pool.RunAsync(Execute("1+1"), Catalog, new FakeToolHandler()).WaitAsync(Generous);

        Assert.Contains("exit code 139", outcome.Error!.Message);
        Assert.DoesNotContain("secret-path", outcome.Error.Message);
    }

    [Fact]
    public async Task RunAsync_CallerCancelsAndTheWorkerStops_ReturnsItsCancelledOutcomeAndKeepsTheWorker()
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        var executing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pool = CreatePool(workers, async worker =>
        {
            await worker.SendReadyAsync();
            var execute = await worker.ReceiveExecuteAsync();
            executing.TrySetResult();
            var cancel = Assert.IsType<CancelMessage>(await worker.ReceiveAsync());
            await worker.SendAsync(new DoneMessage(cancel.ExecutionId, new SandboxOutcome
            {
                Status = ScriptStatus.Cancelled,
                Error = new ScriptError(ErrorCodes.Cancelled, "stopped by the worker"),
            }));
            await worker.ServeAsync();
        });
        using var cancellation = new CancellationTokenSource();

        var running = pool.RunAsync(Execute("while (true) {}", timeoutMs: 60_000), Catalog, new FakeToolHandler(), cancellation.Token);
        await executing.Task.WaitAsync(Generous);
        await cancellation.CancelAsync();
        var outcome = await running.WaitAsync(Generous);

        Assert.Equal(ScriptStatus.Cancelled, outcome.Status);
        Assert.Equal("stopped by the worker", outcome.Error?.Message);
        Assert.False(workers.Single().Killed);
        Assert.Equal(0, pool.GetStatus().WorkersReplaced);
    }

    [Fact]
    public async Task RunAsync_CallerCancelsAndTheWorkerIgnoresIt_KillsAfterTheGraceAndReturnsCancelled()
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        var executing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pool = CreatePool(workers, async worker =>
        {
            await worker.SendReadyAsync();
            await worker.ReceiveExecuteAsync();
            executing.TrySetResult();
            while (await worker.ReceiveAsync() is not null)
            {
            }
        });
        using var cancellation = new CancellationTokenSource();

        var running = pool.RunAsync(Execute("while (true) {}", timeoutMs: 60_000), Catalog, new FakeToolHandler(), cancellation.Token);
        await executing.Task.WaitAsync(Generous);
        await cancellation.CancelAsync();
        var outcome = await running.WaitAsync(Generous);

        Assert.Equal(ScriptStatus.Cancelled, outcome.Status);
        Assert.Equal(ErrorCodes.Cancelled, outcome.Error?.Code);
        var first = workers.First();
        Assert.True(first.Killed);
        Assert.Contains(first.Received, m => m is CancelMessage);
        await EventuallyAsync(() => pool.GetStatus().WorkersReplaced == 1);
    }

    [Fact]
    public async Task RunAsync_TimeoutDuringAToolCall_CancelsTheHandlerAndKillsTheWorker()
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pool = CreatePool(workers, async worker =>
        {
            await worker.SendReadyAsync();
            var execute = await worker.ReceiveExecuteAsync();
            await worker.SendAsync(new ToolCallMessage(execute.ExecutionId, 1, "tools", "wait", EmptyArguments));
            while (await worker.ReceiveAsync() is not null)
            {
            }
        });
        var tools = new FakeToolHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => handlerCancelled.TrySetResult(), TaskScheduler.Default);
            ct.ThrowIfCancellationRequested();
            return ToolBridgeResult.FromError(ErrorCodes.ToolFailed, "unreachable");
        });

        var outcome = await pool.RunAsync(Execute("tools.wait({})", timeoutMs: 300), Catalog, tools).WaitAsync(Generous);

        Assert.Equal(ScriptStatus.Timeout, outcome.Status);
        Assert.Equal(ErrorCodes.Timeout, outcome.Error?.Code);
        Assert.Equal("The script exceeded its timeout of 300 ms.", outcome.Error?.Message);
        await handlerCancelled.Task.WaitAsync(Generous);
        Assert.True(workers.First().Killed);
    }

    [Fact]
    public async Task RunAsync_ToolHandlerThrows_AbortsTheScriptWithInternalError()
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        var answer = new TaskCompletionSource<ToolResultMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pool = CreatePool(workers, async worker =>
        {
            await worker.SendReadyAsync();
            var execute = await worker.ReceiveExecuteAsync();
            await worker.SendAsync(new ToolCallMessage(execute.ExecutionId, 7, "tools", "echo", EmptyArguments));
            var result = Assert.IsType<ToolResultMessage>(await worker.ReceiveAsync());
            answer.TrySetResult(result);
            await worker.SendAsync(new DoneMessage(execute.ExecutionId, new SandboxOutcome
            {
                Status = result.Result.Status!.Value,
                Error = new ScriptError(result.Result.Code!, result.Result.Message!),
            }));
            await worker.ServeAsync();
        });
        var tools = new FakeToolHandler((_, _) => throw new InvalidOperationException("broker bug with a secret inside"));

        var outcome = await pool.RunAsync(Execute("tools.echo({})"), Catalog, tools).WaitAsync(Generous);
        var result = await answer.Task.WaitAsync(Generous);

        Assert.Equal(7, result.CallId);
        Assert.Equal(ToolBridgeResultKind.Abort, result.Result.Kind);
        Assert.Equal(ScriptStatus.InternalError, result.Result.Status);
        Assert.Equal(ErrorCodes.InternalError, result.Result.Code);
        Assert.DoesNotContain("secret", result.Result.Message);
        Assert.Equal(ScriptStatus.InternalError, outcome.Status);
    }

    [Fact]
    public async Task RunAsync_SendsTheCatalogOnlyWhenItsVersionChanges()
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        await using var pool = CreatePool(workers, worker => worker.ServeAsync());
        var second = Catalog with { CatalogVersion = 2 };

        await pool.RunAsync(Execute("1"), Catalog, new FakeToolHandler()).WaitAsync(Generous);
        await pool.RunAsync(Execute("2"), Catalog, new FakeToolHandler()).WaitAsync(Generous);
        await pool.RunAsync(Execute("3"), second, new FakeToolHandler()).WaitAsync(Generous);

        var sent = workers.Single().Received.Select(m => m switch
        {
            ConfigureMessage c => $"configure {c.CatalogVersion}",
            ExecuteMessage e => $"execute {e.Code}",
            _ => m.GetType().Name,
        });
        Assert.Equal(["configure 1", "execute 1", "execute 2", "configure 2", "execute 3"], sent);
    }

    [Theory]
    [InlineData("exits before ready")]
    [InlineData("offers another language")]
    [InlineData("never ready")]
    public async Task StartAsync_NoWorkerBecomesReady_ThrowsAndRunAsyncReportsWorkerUnavailable(string failure)
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        await using var pool = CreatePool(workers, worker => failure switch
        {
            "exits before ready" => Task.Run(() => worker.Exit(6, "warm-up failed")),
            "offers another language" => worker.SendAsync(new ReadyMessage(worker.Id, ["cobol"])).AsTask(),
            _ => Task.CompletedTask,
        }, startTimeout: TimeSpan.FromMilliseconds(300));

        var startFailure = await Assert.ThrowsAnyAsync<Exception>(() => pool.StartAsync().WaitAsync(Generous));
        var outcome = await pool.RunAsync(Execute("1+1"), Catalog, new FakeToolHandler()).WaitAsync(Generous);

        output.WriteLine($"{failure}: {startFailure.GetType().Name}: {startFailure.Message}");
        Assert.IsType(failure == "never ready" ? typeof(TimeoutException) : typeof(InvalidOperationException), startFailure);
        Assert.Equal(ScriptStatus.InternalError, outcome.Status);
        Assert.Equal(ErrorCodes.WorkerUnavailable, outcome.Error?.Code);
        Assert.True(workers.First().Exited.IsCompleted, "The failed worker is still running.");
    }

    private static async Task MisbehaveAsync(FakeWorkerProcess worker, string misbehaviour)
    {
        await worker.SendReadyAsync();
        var execute = await worker.ReceiveExecuteAsync();
        switch (misbehaviour)
        {
            case "malformed frame":
                var garbage = Encoding.UTF8.GetBytes("{not json");
                await worker.RawToHost.WriteAsync(Frame(garbage.Length).Concat(garbage).ToArray());
                break;
            case "absurd frame length":
                await worker.RawToHost.WriteAsync(Frame(int.MaxValue));
                break;
            case "done for another execution":
                await worker.SendAsync(new DoneMessage("someone-else", FakeWorkerProcess.Succeeded(2)));
                break;
            case "tool call for another execution":
                await worker.SendAsync(new ToolCallMessage("someone-else", 1, "tools", "echo", EmptyArguments));
                break;
            case "ready again mid-execution":
                await worker.SendReadyAsync();
                break;
            case "host-only message":
                await worker.SendAsync(new ToolResultMessage(execute.ExecutionId, 1, ToolBridgeResult.FromError("x", "y")));
                break;
            case "more tool calls than the limit":
                for (var callId = 1; callId <= execute.Limits.MaxToolCalls + 1; callId++)
                {
                    await worker.SendAsync(new ToolCallMessage(execute.ExecutionId, callId, "tools", "echo", EmptyArguments));
                }

                break;
            case "dies out of memory":
                worker.Exit(134, "Unhandled exception. System.OutOfMemoryException: Insufficient memory to continue the execution of the program.");
                return;
            case "dies":
                worker.Exit(139, "Segmentation fault at secret-path/worker");
                return;
            case "closes stdout but lives on":
                worker.CloseStdout();
                return;
            case "never answers":
                break;
            case "asks to be recycled":
                await worker.SendAsync(new DoneMessage(execute.ExecutionId, new SandboxOutcome
                {
                    Status = ScriptStatus.InternalError,
                    Error = new ScriptError(ErrorCodes.InternalError, "The sandbox runtime failed unexpectedly."),
                    Recycle = true,
                }));
                break;
        }

        // Stay "alive" until killed.
        while (await worker.ReceiveAsync() is not null)
        {
        }
    }

    private static byte[] Frame(int length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        return header;
    }

    // The first worker follows firstBehaviour; replacements behave.
    private SandboxWorkerPool CreatePool(
        ConcurrentQueue<FakeWorkerProcess> workers, Func<FakeWorkerProcess, Task> firstBehaviour, TimeSpan? startTimeout = null)
    {
        var options = new SandboxPoolOptions
        {
            Language = Language,
            MemoryLimitBytes = MemoryLimitBytes,
            PoolSize = 1,
            WorkerStartTimeout = startTimeout ?? Generous,
            WorkerPath = "/nonexistent/worker.dll",
        };
        var failing = startTimeout is not null;
        return FakeWorkerPool.Create(options, output, workers, n => n == 1 || failing ? firstBehaviour : w => w.ServeAsync());
    }
}
