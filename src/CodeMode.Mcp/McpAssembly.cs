namespace CodeMode.Mcp;

/// <summary>Marks the assembly; the MCP client manager and API generation live in its feature folders.</summary>
internal static class McpAssembly;
