using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// The outcomes the host decides itself, when the worker could not report one. Messages reach the script's
/// author, so they say what happened and never carry the worker's stderr (that stays in the host's log).
/// </summary>
internal static class SandboxOutcomes
{
    public static SandboxOutcome Timeout(int timeoutMs) =>
        Create(ScriptStatus.Timeout, ErrorCodes.Timeout, $"The script exceeded its timeout of {timeoutMs} ms.");

    public static SandboxOutcome Cancelled() =>
        Create(ScriptStatus.Cancelled, ErrorCodes.Cancelled, "The execution was cancelled.");

    public static SandboxOutcome ShuttingDown() =>
        Create(ScriptStatus.Cancelled, ErrorCodes.Cancelled, "The execution was cancelled because the host is shutting down.");

    public static SandboxOutcome MemoryLimit(long memoryLimitBytes) =>
        Create(ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit,
            $"The script exceeded its memory limit of {memoryLimitBytes / (1024 * 1024)} MB; its sandbox worker ran out of memory.");

    public static SandboxOutcome Crashed(int exitCode) =>
        Create(ScriptStatus.RuntimeError, ErrorCodes.WorkerCrashed, exitCode > 128 && !OperatingSystem.IsWindows()
            ? $"The sandbox worker exited unexpectedly (exit code {exitCode}, signal {exitCode - 128})."
            : $"The sandbox worker exited unexpectedly (exit code {exitCode}).");

    public static SandboxOutcome ProtocolViolation() =>
        Create(ScriptStatus.InternalError, ErrorCodes.InternalError, "The sandbox worker broke the worker protocol and was replaced.");

    public static SandboxOutcome Unavailable(string language) =>
        Create(ScriptStatus.InternalError, ErrorCodes.WorkerUnavailable, $"No '{language}' sandbox worker could be started.");

    private static SandboxOutcome Create(ScriptStatus status, string code, string message) =>
        new() { Status = status, Error = new ScriptError(code, message) };
}
