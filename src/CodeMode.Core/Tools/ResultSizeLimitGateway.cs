using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>
/// Refuses a tool result whose value for the script is larger than <c>security.maxPayloadBytes</c>: the call fails
/// with <see cref="ErrorCodes.ResultTooLarge"/>, an error the script can catch (and then ask for less). Never
/// truncated: cut JSON is not JSON, and cut text would be read as the whole answer.
/// </summary>
public sealed class ResultSizeLimitGateway : DelegatingToolGateway
{
    private readonly int _maxResultBytes;

    public ResultSizeLimitGateway(IToolGateway inner, int maxResultBytes)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResultBytes);
        _maxResultBytes = maxResultBytes;
    }

    public override async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await Inner.CallAsync(request, cancellationToken).ConfigureAwait(false);
        if (outcome is { Status: ToolCallStatus.Ok or ToolCallStatus.ToolError, Result: { } result })
        {
            // The projection is cached per result, so tracing and the sandbox reuse this measurement's work.
            var bytes = ToolResultProjection.ToScriptValue(result).Length;
            if (bytes > _maxResultBytes)
            {
                return ToolCallOutcome.Failed(
                    ErrorCodes.ResultTooLarge,
                    $"The result of {request.Server}.{request.Tool} is {bytes} bytes; the limit is {_maxResultBytes} bytes (security.maxPayloadBytes). Ask for less, e.g. a smaller page or limit.")
                    with { Source = outcome.Source, Retries = outcome.Retries };
            }
        }

        return outcome;
    }
}
