using System.Text.Json;

namespace CodeMode.Abstractions.Tools;

/// <summary>A tool's raw answer, protocol-neutral: content blocks, optional structured content, and the error flag.</summary>
public sealed record ToolResult(IReadOnlyList<ToolContent> Content, JsonElement? StructuredContent = null, bool IsError = false)
{
    public static ToolResult Text(string text, bool isError = false) => new([ToolContent.FromText(text)], null, isError);
}
