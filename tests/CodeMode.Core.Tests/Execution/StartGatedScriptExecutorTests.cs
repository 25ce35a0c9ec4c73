using CodeMode.Abstractions.Execution;
using CodeMode.Core.Execution;

namespace CodeMode.Core.Tests.Execution;

public sealed class StartGatedScriptExecutorTests
{
    private static readonly ExecutionRequest Request = new("javascript", "1+1");

    [Fact]
    public async Task Execution_WaitsForTheStart_ThenRuns()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new CountingExecutor();
        var executor = new StartGatedScriptExecutor(inner, start.Task);

        var pending = executor.ExecuteAsync(Request);
        await Task.Yield();
        Assert.False(pending.IsCompleted);
        Assert.Equal(0, inner.Calls);

        start.SetResult();
        var result = await pending;

        Assert.Equal(ScriptStatus.Succeeded, result.Status);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task FailedStart_FailsTheExecution_WithoutRunningIt()
    {
        var inner = new CountingExecutor();
        var executor = new StartGatedScriptExecutor(inner, Task.FromException(new TimeoutException("no worker")));

        await Assert.ThrowsAsync<TimeoutException>(() => executor.ExecuteAsync(Request));
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task CallerCancelling_StopsTheWait()
    {
        using var cancelled = new CancellationTokenSource();
        var executor = new StartGatedScriptExecutor(new CountingExecutor(), new TaskCompletionSource().Task);

        var pending = executor.ExecuteAsync(Request, cancelled.Token);
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    private sealed class CountingExecutor : IScriptExecutor
    {
        public int Calls { get; private set; }

        public Task<ScriptResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new ScriptResult { Status = ScriptStatus.Succeeded });
        }
    }
}
