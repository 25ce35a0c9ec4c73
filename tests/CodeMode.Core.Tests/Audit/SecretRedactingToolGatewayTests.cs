using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Audit;
using CodeMode.Core.Tests.Tools;

namespace CodeMode.Core.Tests.Audit;

public sealed class SecretRedactingToolGatewayTests
{
    private const string Secret = "planted-secret-9";
    private static readonly SecretRedactor Redactor = new([Secret]);

    [Fact]
    public async Task TextAndStructuredContent_HaveTheSecretReplaced()
    {
        var result = new ToolResult([ToolContent.FromText($"FOO={Secret}")], JsonElement.Parse($"{{\"env\":{{\"FOO\":\"{Secret}\"}}}}"));
        var gateway = new SecretRedactingToolGateway(new FakeToolGateway(ToolCallOutcome.Answered(result, ToolCallSource.Live)), Redactor);

        var outcome = await gateway.CallAsync(ToolRequests.Create());

        Assert.Equal("FOO=[REDACTED]", outcome.Result!.Content[0].Text);
        Assert.Equal("[REDACTED]", outcome.Result.StructuredContent!.Value.GetProperty("env").GetProperty("FOO").GetString());
        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task ErrorMessage_HasTheSecretReplaced()
    {
        var gateway = new SecretRedactingToolGateway(new FakeToolGateway(ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, $"login with {Secret} failed")), Redactor);

        var outcome = await gateway.CallAsync(ToolRequests.Create());

        Assert.Equal("login with [REDACTED] failed", outcome.ErrorMessage);
    }

    [Fact]
    public async Task OutcomeWithoutSecrets_IsPassedOnUnchanged()
    {
        var answered = ToolCallOutcome.Answered(ToolResult.Text("nothing to hide"), ToolCallSource.Mock);
        var gateway = new SecretRedactingToolGateway(new FakeToolGateway(answered), Redactor);

        Assert.Same(answered, await gateway.CallAsync(ToolRequests.Create()));
    }
}
