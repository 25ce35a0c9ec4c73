namespace CodeMode.Core.Sandbox;

/// <summary>One runtime's pool of sandbox worker processes (<see cref="SandboxWorkerPool"/>).</summary>
public sealed record SandboxPoolOptions
{
    /// <summary>The language every worker must offer in its ready message, e.g. <c>javascript</c>.</summary>
    public required string Language { get; init; }

    /// <summary>
    /// The runtime's memory limit: the in-worker runtime stops a script whose heap grows by this much. The worker
    /// process also gets a hard GC heap ceiling (<c>DOTNET_GCHeapHardLimit</c>) of twice this plus 64 MB: twice,
    /// because one allocation step can overshoot the runtime's check by up to the limit again before it runs; 64 MB
    /// for the .NET runtime and the script engine themselves. The ceiling is only the backstop.
    /// </summary>
    public required long MemoryLimitBytes { get; init; }

    /// <summary>Warm workers kept running. Default 2.</summary>
    public int PoolSize { get; init; } = 2;

    /// <summary>Executions that may wait for a free worker; the next one is refused with <c>CM6008</c>. Default 64.</summary>
    public int MaxQueuedExecutions { get; init; } = 64;

    /// <summary>How long a new worker may take to report ready before it is killed. Default 20 s.</summary>
    public TimeSpan WorkerStartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long past an execution's timeout, or after a cancel, the host waits for the worker to stop the script
    /// itself before it kills the process. Default 30 ms.
    /// </summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Who may spin for proxy-call replies; the process-wide allowance by default.</summary>
    public ReplySpinAllowance ReplySpin { get; init; } = ReplySpinAllowance.Shared;

    /// <summary>The worker assembly. Default: <c>CodeMode.Sandbox.Worker.dll</c> next to the host's assemblies.</summary>
    public string? WorkerPath { get; init; }
}
