namespace CodeMode.Mcp.Resilience;

/// <summary>How hard CodeMode tries to reach one live server. The same options apply to every server.</summary>
public sealed record McpResilienceOptions
{
    /// <summary>
    /// Share of a server's <c>timeoutMs</c> one attempt may take. Default 0.25: the host's own deadline covers the whole
    /// call (every attempt and the mock fallback), so an attempt must leave room for a retry and for the mock.
    /// </summary>
    public double AttemptTimeoutShare { get; init; } = 0.25;

    /// <summary>Retries after the first attempt, on transient faults only. Default 2.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>First retry delay; doubles each time, with jitter. Default 100 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Share of failed calls, over <see cref="SamplingDuration"/>, that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Calls needed in <see cref="SamplingDuration"/> before the circuit may open. Default 4.</summary>
    public int MinimumThroughput { get; init; } = 4;

    /// <summary>Window in which failures are counted. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before it lets one through. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
