using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Tools;

public sealed class ToolCallBudgetGatewayTests
{
    [Fact]
    public async Task Call_BeyondMaxToolCalls_IsLimitedAndNeverReachesTheServer()
    {
        var inner = FakeToolGateway.Answering("ok");
        var gateway = new ToolCallBudgetGateway(inner);
        var context = ToolRequests.Context(maxToolCalls: 2);

        var first = await gateway.CallAsync(ToolRequests.Create(context: context));
        var second = await gateway.CallAsync(ToolRequests.Create(context: context));
        var third = await gateway.CallAsync(ToolRequests.Create(context: context));

        Assert.Equal(ToolCallStatus.Ok, first.Status);
        Assert.Equal(ToolCallStatus.Ok, second.Status);
        Assert.Equal(ToolCallStatus.RateLimited, third.Status);
        Assert.Equal(ErrorCodes.ToolCallLimit, third.ErrorCode);
        Assert.Contains("maxToolCalls (2)", third.ErrorMessage);
        Assert.Equal(2, inner.Calls);
        Assert.Equal(3, context.CallsStarted);
    }

    [Fact]
    public async Task Calls_InParallel_NeverExceedTheBudget()
    {
        var inner = FakeToolGateway.Answering("ok");
        var gateway = new ToolCallBudgetGateway(inner);
        var context = ToolRequests.Context(maxToolCalls: 10);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => gateway.CallAsync(ToolRequests.Create(context: context)).AsTask()));

        Assert.Equal(10, outcomes.Count(o => o.Status == ToolCallStatus.Ok));
        Assert.Equal(40, outcomes.Count(o => o.ErrorCode == ErrorCodes.ToolCallLimit));
    }
}
