using CodeMode.Mcp.Resilience;
using ModelContextProtocol.Client;

namespace CodeMode.Mcp.Clients;

/// <summary>Options of <see cref="McpClientManager"/>; every property has a safe default.</summary>
public sealed record McpClientManagerOptions
{
    /// <summary>Longest wait for a server to start and answer initialize and tools/list. Default 30 s (npx may download).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often connected servers are pinged and down servers retried; <see cref="TimeSpan.Zero"/> turns it off. Default 30 s.</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before reconnecting after a second failure in a row; doubles up to <see cref="ReconnectMaxDelay"/>. Default 500 ms.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between reconnection attempts. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public McpResilienceOptions Resilience { get; init; } = new();

    /// <summary>Where <c>${VAR}</c> and <c>VAR_FILE</c> are looked up; the host's environment by default.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Creates the transport of a server from its resolved settings; <see cref="McpTransportFactory.Create"/> by
    /// default. Tests swap in in-memory pipes.
    /// </summary>
    public Func<McpServerEndpoint, IClientTransport> TransportFactory { get; init; } = McpTransportFactory.Create;
}
