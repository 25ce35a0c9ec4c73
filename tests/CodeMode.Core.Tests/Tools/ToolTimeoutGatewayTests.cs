using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Core.Tools;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Tools;

public sealed class ToolTimeoutGatewayTests
{
    private static readonly Dictionary<string, McpServerConfig> Servers = new() { ["automem"] = new() { TimeoutMs = 250 } };

    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task Call_ServerSilentPastTheTimeout_FailsAsUnavailable()
    {
        var never = new TaskCompletionSource<ToolCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new FakeToolGateway((_, _) => new ValueTask<ToolCallOutcome>(never.Task));
        var gateway = new ToolTimeoutGateway(inner, Servers, _time);

        var pending = gateway.CallAsync(ToolRequests.Create("automem", "recall_memory")).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await pending;

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.ToolUnavailable, outcome.ErrorCode);
        Assert.Equal("automem.recall_memory did not answer within 250 ms (mcpServers.automem.timeoutMs).", outcome.ErrorMessage);
        Assert.True(inner.LastToken.IsCancellationRequested, "the server's token fires at the deadline");
    }

    [Fact]
    public async Task Call_ServerHonouringItsToken_FailsAsUnavailableToo()
    {
        var inner = new FakeToolGateway(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return ToolCallOutcome.Answered(ToolResult.Text("late"), ToolCallSource.Live);
        });
        var gateway = new ToolTimeoutGateway(inner, Servers, _time);

        var pending = gateway.CallAsync(ToolRequests.Create("automem")).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(ErrorCodes.ToolUnavailable, (await pending).ErrorCode);
    }

    [Fact]
    public async Task Call_CallerCancels_IsCancelledNotATimeout()
    {
        var never = new TaskCompletionSource<ToolCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new ToolTimeoutGateway(new FakeToolGateway((_, _) => new(never.Task)), Servers, _time);
        using var caller = new CancellationTokenSource();

        var pending = gateway.CallAsync(ToolRequests.Create("automem"), caller.Token).AsTask();
        await caller.CancelAsync();
        var outcome = await pending;

        Assert.Equal(ToolCallStatus.Cancelled, outcome.Status);
        Assert.Equal(ErrorCodes.Cancelled, outcome.ErrorCode);
    }

    [Fact]
    public async Task Call_AlreadyCancelled_NeverReachesTheServer()
    {
        var inner = FakeToolGateway.Answering("ok");
        var gateway = new ToolTimeoutGateway(inner, Servers, _time);

        var outcome = await gateway.CallAsync(ToolRequests.Create("automem"), new CancellationToken(canceled: true));

        Assert.Equal(ToolCallStatus.Cancelled, outcome.Status);
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task Call_AnsweredInTime_PassesTheAnswerThrough()
    {
        var answer = new TaskCompletionSource<ToolCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new ToolTimeoutGateway(new FakeToolGateway((_, _) => new(answer.Task)), Servers, _time);

        var pending = gateway.CallAsync(ToolRequests.Create("automem")).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(200));
        answer.SetResult(ToolCallOutcome.Answered(ToolResult.Text("ok"), ToolCallSource.Live));
        var outcome = await pending;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task Call_UnconfiguredServer_UsesTheDefaultTimeout()
    {
        var never = new TaskCompletionSource<ToolCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new ToolTimeoutGateway(new FakeToolGateway((_, _) => new(never.Task)), Servers, _time);

        var pending = gateway.CallAsync(ToolRequests.Create("other")).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(29_999));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Contains("within 30000 ms", (await pending).ErrorMessage);
    }

    [Fact]
    public async Task Call_SynchronousAnswer_IsReturnedAsIs()
    {
        var outcome = ToolCallOutcome.Answered(ToolResult.Text("ok"), ToolCallSource.Mock);
        var gateway = new ToolTimeoutGateway(new FakeToolGateway(outcome), Servers, _time);

        Assert.Same(outcome, await gateway.CallAsync(ToolRequests.Create("automem")));
    }
}
