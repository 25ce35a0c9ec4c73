namespace CodeMode.Mcp.Resilience;

/// <summary>What the resilience pipeline needs to know about one call, and what it reports back.</summary>
internal sealed class McpCallState(bool idempotent)
{
    /// <summary>The tool says it is read-only or idempotent, so running it twice is harmless.</summary>
    public bool Idempotent { get; } = idempotent;

    public int Retries { get; set; }
}
