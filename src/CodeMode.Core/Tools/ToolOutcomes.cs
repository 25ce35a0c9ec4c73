using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>Outcomes the contract has no factory for.</summary>
internal static class ToolOutcomes
{
    public static ToolCallOutcome Cancelled(ToolCallRequest request) => new()
    {
        Status = ToolCallStatus.Cancelled,
        ErrorCode = ErrorCodes.Cancelled,
        ErrorMessage = $"The execution was cancelled while {request.Server}.{request.Tool} was running.",
    };
}
