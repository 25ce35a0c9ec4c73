namespace CodeMode.Core.Sandbox;

/// <summary>A started worker as the pool sees it: three streams, an exit, and a kill. A seam so protocol tests can
/// stand in a misbehaving worker without a process.</summary>
internal interface IWorkerProcess : IDisposable
{
    int Id { get; }

    /// <summary>The worker's stdin: frames to the worker.</summary>
    Stream Input { get; }

    /// <summary>The worker's stdout: frames from the worker.</summary>
    Stream Output { get; }

    Stream Error { get; }

    /// <summary>Completes when the process has exited.</summary>
    Task Exited { get; }

    /// <summary>Valid once <see cref="Exited"/> has completed.</summary>
    int ExitCode { get; }

    /// <summary>Kills the process and everything it started. Never throws; a no-op once it has exited.</summary>
    void Kill();
}
