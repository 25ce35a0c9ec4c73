using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Tests.Apis;

/// <summary>A catalog of hand-written tools, for schemas the real servers do not have.</summary>
internal sealed class FakeToolCatalog(params ToolDescriptor[] tools) : IToolCatalog
{
    private ToolDescriptor[] _tools = tools;

    public long Version { get; private set; } = 1;

    /// <summary>Replaces the tool list and bumps the version, as a server announcing list_changed would.</summary>
    public void Replace(params ToolDescriptor[] replacement)
    {
        _tools = replacement;
        Version++;
    }

    public IReadOnlyList<string> Servers => [.. _tools.Select(tool => tool.Server).Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<ToolDescriptor> GetTools(string server) => [.. _tools.Where(tool => tool.Server == server)];

    public bool TryGetTool(string server, string tool, out ToolDescriptor descriptor)
    {
        descriptor = _tools.FirstOrDefault(candidate => candidate.Server == server && candidate.Name == tool)!;
        return descriptor is not null;
    }

    public static ToolDescriptor Tool(string name, string inputSchema, string? outputSchema = null, string? description = null, string server = "demo") =>
        new(server, name, description, Parse(inputSchema), outputSchema is null ? null : Parse(outputSchema));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
