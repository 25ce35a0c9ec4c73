using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>The doc comment of one tool for the JavaScript-family forms: description, then one <c>@param</c> per documented input property.</summary>
internal static class ToolDoc
{
    public static List<string> Lines(ToolDescriptor tool, ApiDetail detail)
    {
        if (detail == ApiDetail.Brief)
        {
            var summary = DocText.Summary(tool.Description);
            return summary.Length == 0 ? [] : [summary];
        }

        var lines = DocText.CommentLines(tool.Description).ToList();
        var document = new SchemaDocument(tool.InputSchema);
        var input = document.Root;
        if (SchemaDocument.String(input, "$ref") is { } reference && document.TryResolve(reference, out var target))
        {
            input = target;
        }

        if (SchemaDocument.TryGet(input, "properties", JsonValueKind.Object, out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var text = (DocText.OneLine(SchemaDocument.String(property.Value, "description")) + SchemaDocument.Tags(property.Value)).Trim();
                if (text.Length > 0)
                {
                    lines.Add($"@param input.{property.Name} - {text}");
                }
            }
        }

        return lines;
    }

    /// <summary>
    /// Writes <paramref name="lines"/> as a <c>/** */</c> block at <paramref name="indent"/>, one line when it fits on
    /// one; the brief listing's one-sentence summaries as <c>//</c> lines, which say the same in fewer tokens.
    /// </summary>
    public static void Write(System.Text.StringBuilder output, List<string> lines, string indent, ApiDetail detail)
    {
        if (lines.Count == 0)
        {
            return;
        }

        if (lines.Count == 1 && detail == ApiDetail.Brief)
        {
            output.Append(indent).Append("// ").Append(lines[0]).Append('\n');
            return;
        }

        if (lines.Count == 1)
        {
            output.Append(indent).Append("/** ").Append(lines[0]).Append(" */\n");
            return;
        }

        output.Append(indent).Append("/**\n");
        foreach (var line in lines)
        {
            output.Append(indent).Append(" * ").Append(line).Append('\n');
        }

        output.Append(indent).Append(" */\n");
    }

    /// <summary>
    /// The <c>input</c> parameter: optional when nothing in it is required, so <c>tool()</c> reads as valid; nothing
    /// at all for a tool that takes no properties.
    /// </summary>
    public static string InputParameter(ToolDescriptor tool, ApiDetail detail)
    {
        var document = new SchemaDocument(tool.InputSchema);
        if (SchemaDocument.TryGet(document.Root, "properties", JsonValueKind.Object, out var properties)
            && !properties.EnumerateObject().Any()
            && !SchemaDocument.TryGet(document.Root, "additionalProperties", JsonValueKind.Object, out _)
            && !SchemaDocument.TryGet(document.Root, "$ref", JsonValueKind.String, out _))
        {
            return string.Empty;
        }

        var type = new TypeScriptTypeWriter(document, detail == ApiDetail.Full).Write(documentTopLevelProperties: false);
        var optional = SchemaDocument.Required(document.Root).Count == 0 ? "?" : string.Empty;
        return $"input{optional}: {type}";
    }

    /// <summary>The result type: from outputSchema when the tool has one, else unknown.</summary>
    public static string OutputType(ToolDescriptor tool, ApiDetail detail) =>
        tool.OutputSchema is { } output ? new TypeScriptTypeWriter(new SchemaDocument(output), detail == ApiDetail.Full).Write(documentTopLevelProperties: true) : Unknown;

    /// <summary>
    /// Whether the declaration shows the result type. The brief listing leaves out <c>unknown</c>, and its header says
    /// once what an unannotated call returns, instead of every tool repeating it.
    /// </summary>
    public static bool ShowsOutput(ToolDescriptor tool, ApiDetail detail) => detail == ApiDetail.Full || tool.OutputSchema is not null;

    private const string Unknown = "unknown";
}
