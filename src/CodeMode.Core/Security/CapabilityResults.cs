using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Security;

/// <summary>Answers of the brokered capabilities: structured content, so the script receives exactly this object.</summary>
internal static class CapabilityResults
{
    public static ToolCallOutcome Answer(JsonObject value)
    {
        var element = JsonSerializer.SerializeToElement(value);
        return ToolCallOutcome.Answered(new ToolResult([], element), ToolCallSource.Live);
    }

    /// <summary>The string property <paramref name="name"/> of the arguments, or null when it is missing or not a string.</summary>
    public static string? String(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
