using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Tools;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Tools;

public sealed class TracingToolGatewayTests
{
    [Fact]
    public async Task Call_Answered_RecordsDurationBytesSourceAndStatus()
    {
        var time = new ManualTimeProvider();
        var inner = new FakeToolGateway((_, _) =>
        {
            time.Advance(TimeSpan.FromMilliseconds(7));
            return new(ToolCallOutcome.Answered(ToolResult.Text("{ \"ok\": true }"), ToolCallSource.Mock) with { Retries = 2 });
        });
        var request = ToolRequests.Create(arguments: """{"query":"x"}""");

        var outcome = await new TracingToolGateway(inner, time).CallAsync(request);

        var trace = Assert.Single(request.Context.Trace);
        Assert.Equal(new ToolCallTrace("automem", "recall_memory", 7, 13, """{"ok":true}""".Length, ToolCallSource.Mock, 2, ToolCallStatus.Ok), trace);
        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task Call_Denied_IsRecordedToo()
    {
        var inner = new FakeToolGateway(ToolCallOutcome.Denied(ErrorCodes.ServerNotAllowed, "no"));
        var request = ToolRequests.Create();

        await new TracingToolGateway(inner, new ManualTimeProvider()).CallAsync(request);

        var trace = Assert.Single(request.Context.Trace);
        Assert.Equal(ToolCallStatus.Denied, trace.Status);
        Assert.Equal(0, trace.BytesOut);
    }

    [Fact]
    public async Task Call_ToolError_CountsTheErrorMessageAsBytesOut()
    {
        var inner = new FakeToolGateway(ToolCallOutcome.Answered(ToolResult.Text("Error: Memory not found", isError: true), ToolCallSource.Live));
        var request = ToolRequests.Create();

        await new TracingToolGateway(inner).CallAsync(request);

        var trace = Assert.Single(request.Context.Trace);
        Assert.Equal(ToolCallStatus.ToolError, trace.Status);
        Assert.Equal("Error: Memory not found".Length, trace.BytesOut);
    }

    [Fact]
    public async Task Call_InnerThrowsOnCallerCancellation_BecomesACancelledOutcome()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var inner = new FakeToolGateway((_, token) => ValueTask.FromCanceled<ToolCallOutcome>(token));
        var request = ToolRequests.Create();

        var outcome = await new TracingToolGateway(inner).CallAsync(request, cancellation.Token);

        Assert.Equal(ToolCallStatus.Cancelled, outcome.Status);
        Assert.Equal(ErrorCodes.Cancelled, outcome.ErrorCode);
        Assert.Equal(ToolCallStatus.Cancelled, Assert.Single(request.Context.Trace).Status);
    }

    [Fact]
    public async Task Call_InnerFaults_IsRecordedAndRethrown()
    {
        var inner = new FakeToolGateway((_, _) => throw new InvalidOperationException("bug"));
        var request = ToolRequests.Create();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new TracingToolGateway(inner).CallAsync(request).AsTask());

        Assert.Equal(ToolCallStatus.Failed, Assert.Single(request.Context.Trace).Status);
    }
}
