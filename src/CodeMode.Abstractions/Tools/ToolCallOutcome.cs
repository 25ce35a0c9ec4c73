namespace CodeMode.Abstractions.Tools;

/// <summary>
/// How a tool call ended, as data: expected failures (denials, limits, tool errors, outages) are outcomes, not
/// exceptions. <see cref="Result"/> is set for <see cref="ToolCallStatus.Ok"/> and <see cref="ToolCallStatus.ToolError"/>.
/// Error messages travel into the sandbox: they never contain secrets.
/// </summary>
public sealed record ToolCallOutcome
{
    public required ToolCallStatus Status { get; init; }

    public ToolResult? Result { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public ToolCallSource Source { get; init; } = ToolCallSource.Live;

    public int Retries { get; init; }

    /// <summary>For <see cref="ToolCallStatus.RateLimited"/>: when trying again may succeed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ToolCallOutcome Answered(ToolResult result, ToolCallSource source) => new()
    {
        Status = result.IsError ? ToolCallStatus.ToolError : ToolCallStatus.Ok,
        Result = result,
        Source = source,
    };

    public static ToolCallOutcome Denied(string code, string message) =>
        new() { Status = ToolCallStatus.Denied, ErrorCode = code, ErrorMessage = message };

    public static ToolCallOutcome Limited(string code, string message, TimeSpan? retryAfter = null) =>
        new() { Status = ToolCallStatus.RateLimited, ErrorCode = code, ErrorMessage = message, RetryAfter = retryAfter };

    /// <summary>The execution ended (timeout, the caller went away) while <paramref name="server"/>.<paramref name="tool"/> was in flight.</summary>
    public static ToolCallOutcome Cancelled(string server, string tool) => new()
    {
        Status = ToolCallStatus.Cancelled,
        ErrorCode = Execution.ErrorCodes.Cancelled,
        ErrorMessage = $"The execution was cancelled while {server}.{tool} was running.",
    };

    public static ToolCallOutcome Failed(string code, string message) =>
        new() { Status = ToolCallStatus.Failed, ErrorCode = code, ErrorMessage = message };
}
