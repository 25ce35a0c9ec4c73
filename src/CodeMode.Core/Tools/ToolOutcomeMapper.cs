using System.Globalization;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>
/// Turns a tool-call outcome into what the proxy gives the script: a value; a catchable error for tool errors and
/// outages; or an abort the script cannot catch for denials, limits and cancellation.
/// </summary>
public static class ToolOutcomeMapper
{
    public static ToolBridgeResult ToBridgeResult(ToolCallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            ToolCallStatus.Ok => ToolBridgeResult.FromValue(ToolResultProjection.ToScriptElement(Result(outcome))),
            ToolCallStatus.ToolError => ToolBridgeResult.FromError(ErrorCodes.ToolFailed, ToolResultProjection.ErrorMessage(Result(outcome))),
            ToolCallStatus.Failed => ToolBridgeResult.FromError(
                outcome.ErrorCode ?? ErrorCodes.ToolUnavailable,
                outcome.ErrorMessage ?? "The tool call could not be completed."),
            ToolCallStatus.Denied => ToolBridgeResult.FromAbort(
                ScriptStatus.PolicyDenied,
                outcome.ErrorCode ?? ErrorCodes.DeniedOperation,
                outcome.ErrorMessage ?? "The security policy refused the tool call."),
            ToolCallStatus.RateLimited => ToolBridgeResult.FromAbort(
                ScriptStatus.RateLimited,
                outcome.ErrorCode ?? ErrorCodes.ServerRateLimited,
                WithRetryAfter(outcome.ErrorMessage ?? "A rate limit refused the tool call.", outcome.RetryAfter)),
            ToolCallStatus.Cancelled => ToolBridgeResult.FromAbort(
                ScriptStatus.Cancelled,
                ErrorCodes.Cancelled,
                outcome.ErrorMessage ?? "The execution was cancelled during a tool call."),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Status, "Unknown tool call status."),
        };
    }

    private static ToolResult Result(ToolCallOutcome outcome) =>
        outcome.Result ?? throw new ArgumentException($"A {outcome.Status} outcome must carry the tool's result.", nameof(outcome));

    private static string WithRetryAfter(string message, TimeSpan? retryAfter) =>
        retryAfter is { } wait && !message.Contains("retry after", StringComparison.OrdinalIgnoreCase)
            ? $"{message} Retry after {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s."
            : message;
}
