namespace CodeMode.Mcp.Clients;

/// <summary>The transport names of <c>mcpServers.*.type</c>.</summary>
public static class McpTransports
{
    public const string Stdio = "stdio";
    public const string Http = "http";
    public const string Sse = "sse";
}
