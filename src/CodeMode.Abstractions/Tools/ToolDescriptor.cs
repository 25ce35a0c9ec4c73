using System.Text.Json;

namespace CodeMode.Abstractions.Tools;

/// <summary>One tool of one server, as tools/list describes it.</summary>
public sealed record ToolDescriptor(
    string Server,
    string Name,
    string? Description,
    JsonElement InputSchema,
    JsonElement? OutputSchema = null,
    ToolAnnotations? Annotations = null);
