namespace CodeMode.Sandbox.Worker;

/// <summary>How the worker process ends. The host reads crash reasons from these and from stderr.</summary>
internal static class WorkerExitCodes
{
    /// <summary>Shutdown message or the host closed stdin.</summary>
    public const int Normal = 0;

    /// <summary>A runtime asked to be replaced (Recycle) after a done message was sent.</summary>
    public const int Recycled = 3;

    /// <summary>The host broke the protocol (malformed frame, unexpected message, execute while busy).</summary>
    public const int ProtocolError = 4;

    /// <summary>Out of memory where no done message could be sent.</summary>
    public const int OutOfMemory = 5;

    /// <summary>A runtime failed to warm up; the worker never reported ready.</summary>
    public const int StartupFailed = 6;
}
