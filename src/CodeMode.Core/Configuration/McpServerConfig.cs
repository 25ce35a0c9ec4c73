namespace CodeMode.Core.Configuration;

/// <summary>
/// One entry of <c>mcpServers</c>, in the Claude Desktop / Claude Code shape (<c>command</c>/<c>args</c>/<c>env</c>/<c>cwd</c>
/// for stdio; <c>type</c> http|sse with <c>url</c>/<c>headers</c>), plus CodeMode's own fields. Values may hold
/// <c>${VAR}</c> placeholders, resolved from the environment in the host only.
/// </summary>
public sealed record McpServerConfig
{
    /// <summary><c>stdio</c> (default when <see cref="Command"/> is set), <c>http</c> or <c>sse</c>.</summary>
    public string? Type { get; init; }

    public string? Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public string? Cwd { get; init; }

    public string? Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The built-in mock that answers when the server is unreachable or the host runs offline.</summary>
    public string? Mock { get; init; }

    public int RateLimitPerMinute { get; init; } = 100;

    /// <summary>Per-call timeout in milliseconds.</summary>
    public int TimeoutMs { get; init; } = 30_000;

    public bool Enabled { get; init; } = true;
}
