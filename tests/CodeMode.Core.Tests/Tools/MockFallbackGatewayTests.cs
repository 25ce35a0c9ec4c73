using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Tools;

public sealed class MockFallbackGatewayTests
{
    private readonly FakeToolGateway _mock = new(ToolCallOutcome.Answered(ToolResult.Text("from mock"), ToolCallSource.Mock));

    [Fact]
    public async Task LiveUnavailable_WithFallback_AnswersFromTheMock()
    {
        var live = new FakeToolGateway(ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, "down") with { Retries = 2 });

        var outcome = await new MockFallbackGateway(live, _mock, fallbackToMock: true).CallAsync(ToolRequests.Create());

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(ToolCallSource.Mock, outcome.Source);
        Assert.Equal(2, outcome.Retries);
        Assert.Equal(1, _mock.Calls);
    }

    [Fact]
    public async Task LiveUnavailable_WithoutFallback_IsTheFailure()
    {
        var live = new FakeToolGateway(ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, "down"));

        var outcome = await new MockFallbackGateway(live, _mock, fallbackToMock: false).CallAsync(ToolRequests.Create());

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.ToolUnavailable, outcome.ErrorCode);
        Assert.Equal(0, _mock.Calls);
    }

    [Theory]
    [MemberData(nameof(AnswersThatAreNotOutages))]
    public async Task LiveAnswered_IsNeverReplacedByTheMock(ToolCallOutcome liveOutcome)
    {
        var outcome = await new MockFallbackGateway(new FakeToolGateway(liveOutcome), _mock, fallbackToMock: true).CallAsync(ToolRequests.Create());

        Assert.Same(liveOutcome, outcome);
        Assert.Equal(0, _mock.Calls);
    }

    [Fact]
    public async Task LiveUnavailable_NoMockForTheServer_KeepsTheLiveFailure()
    {
        var live = new FakeToolGateway(ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, "down"));
        var noMock = new FakeToolGateway(ToolCallOutcome.Denied(ErrorCodes.UnknownTool, "No mock answers for server 'x'."));

        var outcome = await new MockFallbackGateway(live, noMock, fallbackToMock: true).CallAsync(ToolRequests.Create());

        Assert.Equal(ErrorCodes.ToolUnavailable, outcome.ErrorCode);
        Assert.Equal("down", outcome.ErrorMessage);
    }

    [Fact]
    public async Task NoLiveConnection_FailsHonestlyAsUnavailable()
    {
        var outcome = await new NoLiveConnectionGateway().CallAsync(ToolRequests.Create());

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.ToolUnavailable, outcome.ErrorCode);
        Assert.Equal("live MCP connections are not available in this build; run offline or enable fallbackToMock", outcome.ErrorMessage);
    }

    public static TheoryData<ToolCallOutcome> AnswersThatAreNotOutages() => new()
    {
        ToolCallOutcome.Answered(ToolResult.Text("live"), ToolCallSource.Live),
        ToolCallOutcome.Answered(ToolResult.Text("Error: Memory not found", isError: true), ToolCallSource.Live),
        ToolCallOutcome.Failed(ErrorCodes.ToolFailed, "broken"),
        ToolCallOutcome.Denied(ErrorCodes.UnknownTool, "no"),
        ToolCallOutcome.Limited(ErrorCodes.ServerRateLimited, "slow down"),
    };
}
