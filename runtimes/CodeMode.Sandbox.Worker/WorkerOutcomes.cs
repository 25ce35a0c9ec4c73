using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>The outcomes the worker itself reports when a runtime could not.</summary>
internal static class WorkerOutcomes
{
    public static SandboxOutcome InternalError(string message, bool recycle) => new()
    {
        Status = ScriptStatus.InternalError,
        Error = new ScriptError(ErrorCodes.InternalError, message),
        Recycle = recycle,
    };

    /// <summary>After an OutOfMemoryException the process state is suspect: always recycled.</summary>
    public static SandboxOutcome MemoryLimit(long limitBytes) => new()
    {
        Status = ScriptStatus.MemoryLimit,
        Error = new ScriptError(ErrorCodes.MemoryLimit, $"The script exceeded its memory limit of {limitBytes / (1024 * 1024)} MB."),
        Recycle = true,
    };
}
