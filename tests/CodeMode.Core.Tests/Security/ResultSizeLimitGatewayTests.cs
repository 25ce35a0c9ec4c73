using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Tests.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Security;

/// <summary>An oversized tool result is refused with a catchable error, never truncated.</summary>
public sealed class ResultSizeLimitGatewayTests
{
    [Fact]
    public async Task Result_OverTheLimit_FailsCatchablyKeepingTheSource()
    {
        var inner = new FakeToolGateway(ToolCallOutcome.Answered(ToolResult.Text(new string('x', 200)), ToolCallSource.Mock));
        var gateway = new ResultSizeLimitGateway(inner, 100);

        var outcome = await gateway.CallAsync(ToolRequests.Create());

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.ResultTooLarge, outcome.ErrorCode);
        Assert.Equal(ToolCallSource.Mock, outcome.Source);
        Assert.Contains("is 202 bytes; the limit is 100 bytes (security.maxPayloadBytes)", outcome.ErrorMessage);
        Assert.Equal(ToolBridgeResultKind.Error, ToolOutcomeMapper.ToBridgeResult(outcome).Kind);
    }

    [Fact]
    public async Task Result_AtTheLimit_Passes()
    {
        var inner = new FakeToolGateway(ToolCallOutcome.Answered(ToolResult.Text(new string('x', 98)), ToolCallSource.Live));
        var gateway = new ResultSizeLimitGateway(inner, 100);

        var outcome = await gateway.CallAsync(ToolRequests.Create());

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task Refusals_PassUnchanged()
    {
        var denied = ToolCallOutcome.Denied(ErrorCodes.UnknownTool, "no");
        var gateway = new ResultSizeLimitGateway(new FakeToolGateway(denied), 1);

        Assert.Same(denied, await gateway.CallAsync(ToolRequests.Create()));
    }
}
