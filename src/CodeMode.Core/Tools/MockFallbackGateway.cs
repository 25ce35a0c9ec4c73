using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>
/// Calls the live server; when it could not answer (<see cref="ToolCallStatus.Failed"/> with
/// <see cref="ErrorCodes.ToolUnavailable"/>: down, unreachable, timed out) and <c>fallbackToMock</c> is on, the mock
/// answers instead (source <see cref="ToolCallSource.Mock"/>). Tool errors, denials and limits are never retried on the
/// mock: they are answers. When no mock stands in for the server, the live failure is what the script sees.
/// </summary>
public sealed class MockFallbackGateway(IToolGateway live, IToolGateway mock, bool fallbackToMock) : DelegatingToolGateway(live)
{
    private readonly IToolGateway _mock = mock ?? throw new ArgumentNullException(nameof(mock));

    public override async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await Inner.CallAsync(request, cancellationToken).ConfigureAwait(false);
        if (!fallbackToMock || outcome.Status != ToolCallStatus.Failed || outcome.ErrorCode != ErrorCodes.ToolUnavailable)
        {
            return outcome;
        }

        var answered = await _mock.CallAsync(request, cancellationToken).ConfigureAwait(false);
        if (answered.Status == ToolCallStatus.Denied)
        {
            return outcome;
        }

        return outcome.Retries == 0 ? answered : answered with { Retries = outcome.Retries };
    }
}
