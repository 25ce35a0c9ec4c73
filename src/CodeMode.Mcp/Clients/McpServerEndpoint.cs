namespace CodeMode.Mcp.Clients;

/// <summary>
/// Where and how to reach one server, with every <c>${VAR}</c> resolved. Holds secrets: it stays in the host, and
/// its <see cref="ToString"/> shows none of them.
/// </summary>
public sealed class McpServerEndpoint
{
    public required string Name { get; init; }

    /// <summary><c>stdio</c>, <c>http</c> or <c>sse</c>.</summary>
    public required string Transport { get; init; }

    public string? Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public string? Cwd { get; init; }

    public Uri? Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public override string ToString() => $"{Name} ({Transport})";
}
