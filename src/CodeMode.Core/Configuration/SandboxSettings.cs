namespace CodeMode.Core.Configuration;

/// <summary>The <c>sandbox</c> section: the pools of worker processes that run scripts. Rules: <see cref="SandboxSettingsValidator"/>.</summary>
public sealed record SandboxSettings
{
    /// <summary>Warm workers kept per runtime: 1 to 64. Default 2.</summary>
    public int PoolSize { get; init; } = 2;

    /// <summary>Executions that may wait for a free worker before new ones are refused (429): 0 to 100000. Default 64.</summary>
    public int MaxQueuedExecutions { get; init; } = 64;

    /// <summary>How long a new worker may take to report ready, in milliseconds: 100 to 120000. Default 20 s.</summary>
    public int WorkerStartTimeoutMs { get; init; } = 20_000;

    /// <summary>
    /// How long past an execution's timeout the host waits for the worker to stop it by itself before killing
    /// the process, in milliseconds: 1 to 5000. Default 30 ms.
    /// </summary>
    public int KillGraceMs { get; init; } = 30;
}
