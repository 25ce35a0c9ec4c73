namespace CodeMode.Core.Configuration;

/// <summary>
/// The text of an <c>--mcp-config</c> file (Claude Desktop / Claude Code shape) to merge into runtimes.json's
/// <c>mcpServers</c>; <paramref name="SourceName"/> names it in errors.
/// </summary>
public sealed record McpConfigDocument(string Json, string SourceName);
