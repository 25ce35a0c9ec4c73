using System.Text.Json;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>What a runtime reports when an execution ends, before the host adds timings and the tool-call trace.</summary>
public sealed record SandboxOutcome
{
    public required ScriptStatus Status { get; init; }

    public JsonElement? Value { get; init; }

    public ScriptError? Error { get; init; }

    public IReadOnlyList<LogEntry> Logs { get; init; } = [];

    /// <summary>True when the worker's state may be damaged (for example after an OutOfMemoryException): the host replaces it.</summary>
    public bool Recycle { get; init; }
}
