namespace CodeMode.Abstractions.Execution;

/// <summary>
/// The limits one execution runs under. Every value is finite and positive: there is no "0 means unlimited".
/// </summary>
public sealed record ExecutionLimits
{
    /// <summary>Wall-clock budget in milliseconds, time spent in tool calls included.</summary>
    public required int TimeoutMs { get; init; }

    /// <summary>Managed heap the script may grow by, in bytes.</summary>
    public required long MemoryLimitBytes { get; init; }

    public required long MaxStatements { get; init; }

    public required int MaxRecursion { get; init; }

    /// <summary>Bytes of console output and of the JSON value together.</summary>
    public required int MaxOutputBytes { get; init; }

    public required int MaxToolCalls { get; init; }
}
