using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Interop;
using CodeMode.Runtimes.JavaScript.Limits;

namespace CodeMode.Runtimes.JavaScript;

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
            Error = error with { Message = TextSanitizer.ReplaceLoneSurrogates(error.Message) },
            Logs = logs,
            Recycle = recycle,
        };

    public static SandboxOutcome Terminated(ScriptTerminatedException termination, IReadOnlyList<LogEntry> logs) =>
        Failed(
            termination.Status,
            new ScriptError(termination.Code, termination.Message, termination.Line, termination.Column, termination.Tool),
            logs,
            termination.Recycle);

    public static SandboxOutcome OutOfMemory(IReadOnlyList<LogEntry> logs) => Failed(
        ScriptStatus.MemoryLimit,
        new ScriptError(ErrorCodes.MemoryLimit, "The script ran out of memory: the worker's heap ceiling was reached."),
        logs,
        recycle: true);
}
