using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Tools;

public sealed class ToolOutcomeMapperTests
{
    [Fact]
    public void Ok_IsTheProjectedValue()
    {
        var bridge = ToolOutcomeMapper.ToBridgeResult(ToolCallOutcome.Answered(ToolResult.Text("{\"count\": 2}"), ToolCallSource.Mock));

        Assert.Equal(ToolBridgeResultKind.Value, bridge.Kind);
        Assert.Equal(2, bridge.Value!.Value.GetProperty("count").GetInt32());
        Assert.Null(bridge.Code);
    }

    [Fact]
    public void ToolError_IsACatchableToolFailedWithTheServersMessage()
    {
        var bridge = ToolOutcomeMapper.ToBridgeResult(ToolCallOutcome.Answered(ToolResult.Text("Error: Memory not found", isError: true), ToolCallSource.Live));

        Assert.Equal(ToolBridgeResultKind.Error, bridge.Kind);
        Assert.Equal(ErrorCodes.ToolFailed, bridge.Code);
        Assert.Equal("Error: Memory not found", bridge.Message);
    }

    [Fact]
    public void Failed_IsACatchableErrorWithItsCode()
    {
        var bridge = ToolOutcomeMapper.ToBridgeResult(ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, "automem.x did not answer within 5 ms"));

        Assert.Equal(ToolBridgeResultKind.Error, bridge.Kind);
        Assert.Equal(ErrorCodes.ToolUnavailable, bridge.Code);
        Assert.Equal("automem.x did not answer within 5 ms", bridge.Message);
        Assert.Null(bridge.Status);
    }

    [Theory]
    [InlineData(ErrorCodes.ServerNotAllowed)]
    [InlineData(ErrorCodes.UnknownTool)]
    [InlineData(ErrorCodes.PayloadTooLarge)]
    [InlineData(ErrorCodes.InvalidToolArguments)]
    public void Denied_AbortsWithPolicyDenied(string code)
    {
        var bridge = ToolOutcomeMapper.ToBridgeResult(ToolCallOutcome.Denied(code, "refused"));

        Assert.Equal(ToolBridgeResultKind.Abort, bridge.Kind);
        Assert.Equal(ScriptStatus.PolicyDenied, bridge.Status);
        Assert.Equal(code, bridge.Code);
        Assert.Equal("refused", bridge.Message);
    }

    [Fact]
    public void RateLimited_AbortsWithRateLimitedAndSaysWhenToRetry()
    {
        var bridge = ToolOutcomeMapper.ToBridgeResult(ToolCallOutcome.Limited(ErrorCodes.ServerRateLimited, "Server 'automem' allows 3 calls per minute.", TimeSpan.FromSeconds(12.5)));

        Assert.Equal(ToolBridgeResultKind.Abort, bridge.Kind);
        Assert.Equal(ScriptStatus.RateLimited, bridge.Status);
        Assert.Equal(ErrorCodes.ServerRateLimited, bridge.Code);
        Assert.Equal("Server 'automem' allows 3 calls per minute. Retry after 12.5 s.", bridge.Message);
    }

    [Fact]
    public void ToolCallLimit_AbortsWithRateLimitedAndItsOwnCode()
    {
        var bridge = ToolOutcomeMapper.ToBridgeResult(ToolCallOutcome.Limited(ErrorCodes.ToolCallLimit, "maxToolCalls (2)"));

        Assert.Equal(ScriptStatus.RateLimited, bridge.Status);
        Assert.Equal(ErrorCodes.ToolCallLimit, bridge.Code);
        Assert.Equal("maxToolCalls (2)", bridge.Message);
    }

    [Fact]
    public void Cancelled_AbortsWithCancelled()
    {
        var outcome = new ToolCallOutcome { Status = ToolCallStatus.Cancelled, ErrorCode = ErrorCodes.Cancelled, ErrorMessage = "stopped" };

        var bridge = ToolOutcomeMapper.ToBridgeResult(outcome);

        Assert.Equal(ToolBridgeResultKind.Abort, bridge.Kind);
        Assert.Equal(ScriptStatus.Cancelled, bridge.Status);
        Assert.Equal(ErrorCodes.Cancelled, bridge.Code);
    }

    [Fact]
    public void Value_SurvivesTheWorkerProtocolSerialization()
    {
        var bridge = ToolOutcomeMapper.ToBridgeResult(ToolCallOutcome.Answered(ToolResult.Text("plain text"), ToolCallSource.Mock));

        var json = JsonSerializer.Serialize(bridge, CodeMode.Abstractions.CodeModeJson.Options);

        Assert.Equal("""{"kind":"value","value":"plain text"}""", json);
    }
}
