using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Tools;

public sealed class PayloadLimitGatewayTests
{
    private readonly FakeToolGateway _inner = FakeToolGateway.Answering("ok");

    [Fact]
    public async Task Call_ArgumentsOverTheLimit_AreDeniedWithBothSizes()
    {
        var gateway = new PayloadLimitGateway(_inner, maxPayloadBytes: 16);

        var outcome = await gateway.CallAsync(ToolRequests.Create(arguments: """{"content":"far too long for the limit"}"""));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.PayloadTooLarge, outcome.ErrorCode);
        Assert.Equal("The arguments of automem.recall_memory are 40 bytes; the limit is 16 bytes (security.maxPayloadBytes).", outcome.ErrorMessage);
        Assert.Equal(0, _inner.Calls);
    }

    [Theory]
    [InlineData("[1,2]", "array")]
    [InlineData("\"text\"", "string")]
    [InlineData("null", "null")]
    public async Task Call_ArgumentsNotAnObject_AreDenied(string arguments, string kind)
    {
        var gateway = new PayloadLimitGateway(_inner, 1024);

        var outcome = await gateway.CallAsync(ToolRequests.Create(arguments: arguments));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.InvalidToolArguments, outcome.ErrorCode);
        Assert.Contains($"must be a JSON object (got {kind})", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Call_NoArgumentsAtAll_AreDenied()
    {
        var gateway = new PayloadLimitGateway(_inner, 1024);
        var request = new ToolCallRequest("automem", "check_database_health", default(JsonElement), 0, ToolRequests.Context());

        var outcome = await gateway.CallAsync(request);

        Assert.Equal(ErrorCodes.InvalidToolArguments, outcome.ErrorCode);
    }

    [Fact]
    public async Task Call_ObjectWithinTheLimit_PassesThrough()
    {
        var gateway = new PayloadLimitGateway(_inner, 13);

        var outcome = await gateway.CallAsync(ToolRequests.Create(arguments: """{"query":"x"}"""));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public void Constructor_NonPositiveLimit_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PayloadLimitGateway(_inner, 0));
    }
}
