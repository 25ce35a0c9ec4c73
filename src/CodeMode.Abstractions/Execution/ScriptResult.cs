using System.Text.Json;

namespace CodeMode.Abstractions.Execution;

/// <summary>
/// The outcome of one execution, returned as data whatever the script did. Serialized camelCase;
/// <see cref="Value"/> is the script's value as JSON (absent when the script produced none or failed).
/// </summary>
public sealed record ScriptResult
{
    public required ScriptStatus Status { get; init; }

    public JsonElement? Value { get; init; }

    public ScriptError? Error { get; init; }

    public IReadOnlyList<LogEntry> Logs { get; init; } = [];

    public IReadOnlyList<ToolCallTrace> ToolCalls { get; init; } = [];

    public double DurationMs { get; init; }

    /// <summary>The limits the execution ran under, so a caller can see which one it hit.</summary>
    public ExecutionLimits? Limits { get; init; }
}
