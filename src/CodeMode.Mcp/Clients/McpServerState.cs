namespace CodeMode.Mcp.Clients;

/// <summary>How a configured server is doing, as <c>GET /v1/servers</c> and <c>codemode servers</c> show it.</summary>
public enum McpServerState
{
    /// <summary>Connected, and its last call or health check went well.</summary>
    Connected,

    /// <summary>Connected, but its last call or health check failed, or its circuit is not closed.</summary>
    Degraded,

    /// <summary>Not connected and no mock stands in: calls fail with a catchable error.</summary>
    Down,

    /// <summary>Not connected (down, missing credentials, or offline); its mock answers instead.</summary>
    Mock,
}
