using CodeMode.Abstractions.Tools;

namespace CodeMode.Abstractions.Execution;

/// <summary>One tool call as it appears in <see cref="ScriptResult.ToolCalls"/>.</summary>
public sealed record ToolCallTrace(
    string Server,
    string Tool,
    double DurationMs,
    long BytesIn,
    long BytesOut,
    ToolCallSource Source,
    int Retries,
    ToolCallStatus Status);
