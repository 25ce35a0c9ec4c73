namespace CodeMode.Server.Composition;

/// <summary>Choices made when the host starts rather than in runtimes.json.</summary>
public sealed record CodeModeHostOptions
{
    /// <summary>Answer every proxy call from the in-process mocks (<c>--offline</c>).</summary>
    public bool Offline { get; init; }

    /// <summary>Overrides <c>sandbox.poolSize</c>; the CLI's one-shot <c>run</c> needs a single worker.</summary>
    public int? PoolSize { get; init; }

    /// <summary>Only these runtimes get a worker pool (null: all). Lets <c>run</c> start just the one it needs.</summary>
    public IReadOnlySet<string>? Runtimes { get; init; }

    /// <summary>The worker dll to start; null means the one next to the host.</summary>
    public string? WorkerPath { get; init; }
}
