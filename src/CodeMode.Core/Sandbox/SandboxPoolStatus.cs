namespace CodeMode.Core.Sandbox;

/// <summary>A snapshot of one pool, for health and metrics.</summary>
/// <param name="Ready">Warm workers waiting for an execution.</param>
/// <param name="Busy">Workers running an execution.</param>
/// <param name="Starting">Worker processes launched but not ready yet.</param>
/// <param name="Queued">Executions waiting for a free worker.</param>
/// <param name="WorkersStarted">Worker processes launched since the pool was created.</param>
/// <param name="WorkersReplaced">Workers discarded (limit breach, crash, protocol violation, recycle) and replaced.</param>
public sealed record SandboxPoolStatus(
    string Language,
    int Ready,
    int Busy,
    int Starting,
    int Queued,
    long WorkersStarted,
    long WorkersReplaced);
