using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Text;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>The <see cref="SandboxOutcome"/>s every sandbox runtime reports, built one way.</summary>
public static class RuntimeOutcomes
{
    public static SandboxOutcome Succeeded(JsonElement? value, IReadOnlyList<LogEntry> logs) =>
        new() { Status = ScriptStatus.Succeeded, Value = value, Logs = logs };

    public static SandboxOutcome Failed(ScriptStatus status, ScriptError error, IReadOnlyList<LogEntry> logs, bool recycle = false) =>
        new()
        {
            Status = status,
            // Messages quote script text and values; a lone surrogate in them would stop the worker's reply from serializing.
            Error = error with { Message = Utf8Text.ReplaceLoneSurrogates(error.Message) },
            Logs = logs,
            Recycle = recycle,
        };

    public static SandboxOutcome OutOfMemory(IReadOnlyList<LogEntry> logs) => Failed(
        ScriptStatus.MemoryLimit,
        new ScriptError(ErrorCodes.MemoryLimit, "The script ran out of memory: the worker's heap ceiling was reached."),
        logs,
        recycle: true);
}
