using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mocks.Infrastructure;

/// <summary>Reads a mock's tools/list from its embedded <c>Definitions/&lt;server&gt;.tools.json</c>.</summary>
internal static class ToolDefinitions
{
    public static IReadOnlyList<ToolDescriptor> Load(string server)
    {
        var resource = $"CodeMode.Mocks.Definitions.{server}.tools.json";
        using var stream = typeof(ToolDefinitions).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The mock definitions resource '{resource}' is missing from the build.");
        using var document = JsonDocument.Parse(stream);

        var tools = new List<ToolDescriptor>();
        foreach (var tool in document.RootElement.GetProperty("tools").EnumerateArray())
        {
            tools.Add(new ToolDescriptor(
                server,
                tool.GetProperty("name").GetString()!,
                tool.TryGetProperty("description", out var description) ? description.GetString() : null,
                tool.GetProperty("inputSchema").Clone(),
                tool.TryGetProperty("outputSchema", out var output) ? output.Clone() : null,
                tool.TryGetProperty("annotations", out var annotations) ? ReadAnnotations(annotations) : null));
        }

        return tools;
    }

    private static ToolAnnotations ReadAnnotations(JsonElement annotations) => new(
        Title: annotations.TryGetProperty("title", out var title) ? title.GetString() : null,
        ReadOnlyHint: Flag(annotations, "readOnlyHint"),
        DestructiveHint: Flag(annotations, "destructiveHint"),
        IdempotentHint: Flag(annotations, "idempotentHint"),
        OpenWorldHint: Flag(annotations, "openWorldHint"));

    private static bool? Flag(JsonElement annotations, string name) =>
        annotations.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
