using System.Collections.Concurrent;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Core.Sandbox;
using Xunit.Abstractions;
using static CodeMode.Core.Tests.Sandbox.SandboxTestData;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>
/// The pool tells each execute whether its worker may spin for proxy-call replies, from the shared allowance: yes
/// while it runs alone on two CPUs, no beside another execution, and the allowance comes back however an execution ends.
/// </summary>
public sealed class ReplySpinPoolTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public async Task RunAsync_Alone_LetsTheWorkerSpinOnlyWithACpuForEachSpinningThread(int processors, bool spins)
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        await using var pool = CreatePool(workers, new ReplySpinAllowance(processors), poolSize: 1);

        await pool.RunAsync(Execute("1+1"), Catalog, new FakeToolHandler()).WaitAsync(Generous);

        Assert.Equal(spins, Assert.Single(workers.SelectMany(w => w.Received).OfType<ExecuteMessage>()).ReplySpin);
    }

    [Fact]
    public async Task RunAsync_BesideARunningExecution_BlocksAndTheAllowanceReturnsAfterBoth()
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        await using var pool = CreatePool(workers, new ReplySpinAllowance(2), poolSize: 2);
        await pool.StartAsync().WaitAsync(Generous);

        // The fake worker holds "hold" until released: the first execution is still running when the second starts.
        var first = Execute("hold");
        var second = Execute("1+1");
        var third = Execute("1+1");
        var firstRun = pool.RunAsync(first, Catalog, new FakeToolHandler());
        await EventuallyAsync(() => ReceivedExecute(workers, first.ExecutionId) is not null);
        var secondOutcome = await pool.RunAsync(second, Catalog, new FakeToolHandler()).WaitAsync(Generous);
        _held.TrySetResult();
        await firstRun.WaitAsync(Generous);
        var thirdOutcome = await pool.RunAsync(third, Catalog, new FakeToolHandler()).WaitAsync(Generous);

        Assert.Equal(ScriptStatus.Succeeded, secondOutcome.Status);
        Assert.Equal(ScriptStatus.Succeeded, thirdOutcome.Status);
        Assert.True(ReceivedExecute(workers, first.ExecutionId)!.ReplySpin);
        Assert.False(ReceivedExecute(workers, second.ExecutionId)!.ReplySpin);
        Assert.True(ReceivedExecute(workers, third.ExecutionId)!.ReplySpin);
    }

    [Fact]
    public async Task RunAsync_ExecutionKilledAtItsTimeout_GivesTheAllowanceBack()
    {
        var workers = new ConcurrentQueue<FakeWorkerProcess>();
        await using var pool = CreatePool(workers, new ReplySpinAllowance(2), poolSize: 1);
        var next = Execute("1+1");

        var stalled = await pool.RunAsync(Execute("never answer", timeoutMs: 200), Catalog, new FakeToolHandler()).WaitAsync(Generous);
        await pool.RunAsync(next, Catalog, new FakeToolHandler()).WaitAsync(Generous);

        Assert.Equal(ScriptStatus.Timeout, stalled.Status);
        Assert.True(ReceivedExecute(workers, next.ExecutionId)!.ReplySpin);
    }

    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static ExecuteMessage? ReceivedExecute(IEnumerable<FakeWorkerProcess> workers, string executionId) =>
        workers.SelectMany(w => w.Received).OfType<ExecuteMessage>().FirstOrDefault(e => e.ExecutionId == executionId);

    /// <summary>A worker that answers 2 at once, except "hold" (once released) and "never answer".</summary>
    private async Task ServeAsync(FakeWorkerProcess worker)
    {
        await worker.SendReadyAsync();
        while (await worker.ReceiveAsync() is { } message)
        {
            if (message is not ExecuteMessage execute)
            {
                continue;
            }

            if (execute.Code == "never answer")
            {
                continue;
            }

            if (execute.Code == "hold")
            {
                await _held.Task;
            }

            await worker.SendAsync(new DoneMessage(execute.ExecutionId, FakeWorkerProcess.Succeeded(2)));
        }
    }

    private SandboxWorkerPool CreatePool(ConcurrentQueue<FakeWorkerProcess> workers, ReplySpinAllowance allowance, int poolSize)
    {
        var options = new SandboxPoolOptions
        {
            Language = Language,
            MemoryLimitBytes = MemoryLimitBytes,
            PoolSize = poolSize,
            WorkerStartTimeout = Generous,
            WorkerPath = "/nonexistent/worker.dll",
            KillGrace = TimeSpan.FromMilliseconds(30),
            ReplySpin = allowance,
        };
        return FakeWorkerPool.Create(options, output, workers, _ => ServeAsync);
    }
}
