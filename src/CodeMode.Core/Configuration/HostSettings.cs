namespace CodeMode.Core.Configuration;

/// <summary>The <c>server</c> section: how the HTTP host listens and what requests it accepts. Rules: <see cref="HostSettingsValidator"/>.</summary>
public sealed record HostSettings
{
    /// <summary>
    /// Where <c>codemode serve</c> listens: absolute http(s) URLs without a path, separated by <c>;</c>.
    /// Default <c>http://127.0.0.1:5199</c>.
    /// </summary>
    public string Urls { get; init; } = "http://127.0.0.1:5199";

    /// <summary>Largest accepted snippet, in UTF-8 bytes: 1 to 16MB. Default 256 KB.</summary>
    public int MaxCodeBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// How long an MCP session over HTTP (<c>/mcp</c>) may sit unused before it is ended: 1 to 86400 seconds.
    /// Default 600 (10 minutes). A client whose session ended gets 404 and starts a new one.
    /// </summary>
    public int McpSessionIdleSeconds { get; init; } = 600;

    /// <summary>Most MCP sessions over HTTP held at once: 1 to 10000. Default 100. When full, the longest-idle one is ended.</summary>
    public int McpMaxSessions { get; init; } = 100;

    /// <summary>
    /// Browser origins (e.g. <c>https://app.example.com</c>) allowed to call <c>/mcp</c> besides loopback ones.
    /// Default none: a request with any other <c>Origin</c> header is refused (403), against DNS rebinding.
    /// </summary>
    public IReadOnlyList<string> McpAllowedOrigins { get; init; } = [];
}
