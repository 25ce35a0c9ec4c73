namespace CodeMode.Core.Configuration;

/// <summary>
/// One entry of <c>mcpServers</c>, in the Claude Desktop / Claude Code shape (<c>command</c>/<c>args</c>/<c>env</c>/<c>cwd</c>
/// for stdio; <c>type</c> http|sse with <c>url</c>/<c>headers</c>), plus CodeMode's own fields. Values may hold
/// <c>${VAR}</c> placeholders, resolved from the environment in the host only. The key is the server's name and
/// becomes a global in scripts, so it must be an identifier. Rules: <see cref="McpServerConfigValidator"/>.
/// </summary>
public sealed record McpServerConfig
{
    /// <summary><c>stdio</c> (implied when <see cref="Command"/> is set), <c>http</c> (Streamable HTTP) or <c>sse</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The program that starts a stdio server, e.g. <c>npx</c>. Required for stdio, not allowed otherwise.</summary>
    public string? Command { get; init; }

    /// <summary>Its arguments (stdio only).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables for the server process (stdio only); keys are variable names.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory of the server process (stdio only).</summary>
    public string? Cwd { get; init; }

    /// <summary>Absolute http(s) endpoint of an http/sse server. Required for those, not allowed for stdio.</summary>
    public string? Url { get; init; }

    /// <summary>Headers sent to an http/sse server, e.g. <c>Authorization</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The built-in mock (<c>automem</c>, <c>serena</c>, <c>helpscout</c>) that answers when the server is unreachable
    /// or the host runs offline; null for none.
    /// </summary>
    public string? Mock { get; init; }

    /// <summary>Calls per minute scripts may make to this server: 1 to 100000. Default 100.</summary>
    public int RateLimitPerMinute { get; init; } = 100;

    /// <summary>
    /// Per-call timeout in milliseconds: 1 to 600000. Default 30000. <c>MCP_CLIENT_TIMEOUT</c> replaces it for every
    /// server.
    /// </summary>
    public int TimeoutMs { get; init; } = 30_000;

    /// <summary>Whether the host connects to this server. Default true. A disabled server is still validated.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Whether the host may start without this server's <c>${VAR}</c>s. Default false: a missing variable of an
    /// enabled server stops start-up (CM7001) unless the host runs offline. When true, the server is marked
    /// unavailable with the reason instead, and its mock answers if it has one and <c>fallbackToMock</c> is on.
    /// </summary>
    public bool Optional { get; init; }
}
