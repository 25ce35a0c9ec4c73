using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Security;

namespace CodeMode.Core.Tools;

/// <summary>
/// Refuses tool arguments larger than <c>security.maxPayloadBytes</c> (<see cref="ErrorCodes.PayloadTooLarge"/>) and
/// arguments that are not a JSON object (<see cref="ErrorCodes.InvalidToolArguments"/>): MCP tools take an object.
/// Then sanitises them (<see cref="ArgumentSanitizer"/>): no NUL, no unpaired surrogate, no deep nesting.
/// </summary>
public sealed class PayloadLimitGateway : DelegatingToolGateway
{
    private readonly int _maxPayloadBytes;

    public PayloadLimitGateway(IToolGateway inner, int maxPayloadBytes)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        _maxPayloadBytes = maxPayloadBytes;
    }

    public override ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ArgumentBytes > _maxPayloadBytes)
        {
            return new(ToolCallOutcome.Denied(
                ErrorCodes.PayloadTooLarge,
                $"The arguments of {request.Server}.{request.Tool} are {request.ArgumentBytes} bytes; the limit is {_maxPayloadBytes} bytes (security.maxPayloadBytes)."));
        }

        if (request.Arguments.ValueKind != JsonValueKind.Object)
        {
            var kind = request.Arguments.ValueKind == JsonValueKind.Undefined ? "nothing" : request.Arguments.ValueKind.ToString().ToLowerInvariant();
            return new(ToolCallOutcome.Denied(
                ErrorCodes.InvalidToolArguments,
                $"The arguments of {request.Server}.{request.Tool} must be a JSON object (got {kind}); pass {{}} when the tool takes none."));
        }

        if (ArgumentSanitizer.FindProblem(request.Arguments) is { } problem)
        {
            return new(ToolCallOutcome.Denied(problem.Code, $"{request.Server}.{request.Tool}: {problem.Message}"));
        }

        return Inner.CallAsync(request, cancellationToken);
    }
}
