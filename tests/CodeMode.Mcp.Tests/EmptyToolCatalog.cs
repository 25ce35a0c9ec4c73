using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Tests;

/// <summary>A fallback catalog with no servers, so only live tools show.</summary>
internal sealed class EmptyToolCatalog : IToolCatalog
{
    public long Version => 1;

    public IReadOnlyList<string> Servers => [];

    public IReadOnlyList<ToolDescriptor> GetTools(string server) => [];

    public bool TryGetTool(string server, string tool, out ToolDescriptor descriptor)
    {
        descriptor = null!;
        return false;
    }
}
