using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>
/// The live side of the tool path in this build: real MCP client connections are not implemented yet (they land in
/// their own issue), so every call fails honestly with <see cref="ErrorCodes.ToolUnavailable"/> — never a fake
/// success. With <c>security.fallbackToMock</c> on, <see cref="MockFallbackGateway"/> answers from the mock instead,
/// and the trace says <c>source: "mock"</c>.
/// </summary>
public sealed class NoLiveConnectionGateway : IToolGateway
{
    public const string Message = "live MCP connections are not available in this build; run offline or enable fallbackToMock";

    private static readonly ToolCallOutcome Unavailable = ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, Message);

    public ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default) => new(Unavailable);
}
