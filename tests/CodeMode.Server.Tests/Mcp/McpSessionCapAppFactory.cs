namespace CodeMode.Server.Tests.Mcp;

/// <summary>The <c>/mcp</c> host with room for two sessions only.</summary>
public sealed class McpSessionCapAppFactory : McpHttpAppFactory
{
    protected override int MaxSessions => 2;
}
