using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.CSharp.Running;

namespace CodeMode.Runtimes.CSharp;

/// <summary>Builds the <see cref="SandboxOutcome"/>s this runtime reports.</summary>
internal static class Outcomes
{
    public static SandboxOutcome Succeeded(JsonElement? value, IReadOnlyList<LogEntry> logs) =>
        new() { Status = ScriptStatus.Succeeded, Value = value, Logs = logs };

    public static SandboxOutcome Failed(ScriptStatus status, ScriptError error, IReadOnlyList<LogEntry> logs, bool recycle = false) =>
        new()
        {
            Status = status,
            // Messages quote script text and values; a lone surrogate in them would stop the worker's reply from serializing.
            Error = error with { Message = ScriptValues.ReplaceLoneSurrogates(error.Message) },
            Logs = logs,
            Recycle = recycle,
        };

    public static SandboxOutcome OutOfMemory(IReadOnlyList<LogEntry> logs) => Failed(
        ScriptStatus.MemoryLimit,
        new ScriptError(ErrorCodes.MemoryLimit, "The script ran out of memory: the worker's heap ceiling was reached."),
        logs,
        recycle: true);
}
