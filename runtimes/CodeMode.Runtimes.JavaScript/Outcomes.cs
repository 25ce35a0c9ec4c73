using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Limits;

namespace CodeMode.Runtimes.JavaScript;

/// <summary>The outcomes only this runtime reports; the shared ones are <see cref="RuntimeOutcomes"/>.</summary>
internal static class Outcomes
{
    public static SandboxOutcome Terminated(ScriptTerminatedException termination, IReadOnlyList<LogEntry> logs) =>
        RuntimeOutcomes.Failed(
            termination.Status,
            new ScriptError(termination.Code, termination.Message, termination.Line, termination.Column, termination.Tool),
            logs,
            termination.Recycle);
}
