using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Tests.Apis;

/// <summary>A catalog of hand-written tools, for schemas the real servers do not have.</summary>
internal sealed class FakeToolCatalog(params ToolDescriptor[] tools) : IToolCatalog
{
    public long Version { get; set; } = 1;

    public IReadOnlyList<string> Servers => [.. tools.Select(tool => tool.Server).Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<ToolDescriptor> GetTools(string server) => [.. tools.Where(tool => tool.Server == server)];

    public bool TryGetTool(string server, string tool, out ToolDescriptor descriptor)
    {
        descriptor = tools.FirstOrDefault(candidate => candidate.Server == server && candidate.Name == tool)!;
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
