using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// One tool's documentation and input for the JavaScript-family forms. Brief: the first sentence and a one-line input
/// type. Full: the whole description, and the input laid out one property a line with its note as a trailing
/// <c>//</c> comment (a note costs a few bytes there, against a whole <c>@param input.name -</c> line in the doc block).
/// </summary>
internal static class ToolDoc
{
    public static List<string> Lines(ToolDescriptor tool, ApiDetail detail, NoteLength notes)
    {
        if (detail == ApiDetail.Brief)
        {
            var summary = DocText.BriefSummary(tool.Description);
            return summary.Length == 0 ? [] : [summary];
        }

        var lines = DocText.CommentLines(tool.Description).ToList();
        if (!TryGetProperties(tool, out var properties, out _))
        {
            return lines;
        }

        if (notes == NoteLength.None)
        {
            if (HasNotes(properties))
            {
                lines.Add(LeftOut(tool.Server));
            }

            return lines;
        }

        // An input that is not a plain object (a union, a map) keeps its notes here, as JSDoc does.
        if (!LaysOutProperties(tool))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (ParameterNote.Of(property.Name, property.Value, notes) is { Length: > 0 } text)
                {
                    lines.Add($"@param input.{property.Name} - {text}");
                }
            }
        }

        return lines;
    }

    /// <summary>What a declaration says when <see cref="NoteLength.None"/> left the parameters' notes out.</summary>
    public static string LeftOut(string server) =>
        $"Parameter notes left out for length: see {server}'s full listing.";

    /// <summary>
    /// Writes <paramref name="lines"/> as a <c>/** */</c> block at <paramref name="indent"/>, one line when it fits on
    /// one; the brief listing's one-sentence summaries as <c>//</c> lines, which say the same in fewer tokens.
    /// </summary>
    public static void Write(StringBuilder output, List<string> lines, string indent, ApiDetail detail)
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
    /// at all for a tool that takes no properties. The brief listing writes just the object, as a call passes it
    /// (<c>tool({ a: string })</c>). In full detail with notes, one property a line at
    /// <paramref name="indent"/> plus two spaces.
    /// </summary>
    public static string InputParameter(ToolDescriptor tool, ApiDetail detail, NoteLength notes, string indent, SharedEnums enums)
    {
        var document = new SchemaDocument(tool.InputSchema);
        if (SchemaDocument.TryGet(document.Root, "properties", JsonValueKind.Object, out var own)
            && !own.EnumerateObject().Any()
            && !SchemaDocument.TryGet(document.Root, "additionalProperties", JsonValueKind.Object, out _)
            && !SchemaDocument.TryGet(document.Root, "$ref", JsonValueKind.String, out _))
        {
            return string.Empty;
        }

        var level = detail == ApiDetail.Full ? notes : NoteLength.None;
        var types = new TypeScriptTypeWriter(document, level, enums);
        var optional = SchemaDocument.Required(Resolve(document)).Count == 0 ? "?" : string.Empty;
        if (level == NoteLength.None || !LaysOutProperties(tool) || !TryGetProperties(tool, out var properties, out var required) || !HasNotes(properties))
        {
            // The brief listing writes the object as the call passes it. That it may be left out when nothing in it is
            // required, every "?" in it says already.
            return detail == ApiDetail.Brief
                ? types.Write(documentTopLevelProperties: false)
                : $"input{optional}: {types.Write(documentTopLevelProperties: false)}";
        }

        var text = new StringBuilder("input").Append(optional).Append(": {\n");
        foreach (var property in properties.EnumerateObject())
        {
            text.Append(indent).Append("  ").Append(IdentifierNames.JavaScriptKey(property.Name))
                .Append(required.Contains(property.Name) ? ": " : "?: ").Append(types.WriteProperty(property.Value)).Append(';');
            if (ParameterNote.Of(property.Name, property.Value, notes) is { Length: > 0 } note)
            {
                text.Append(" // ").Append(note);
            }

            text.Append('\n');
        }

        return text.Append(indent).Append('}').ToString();
    }

    /// <summary>The result type: from outputSchema when the tool has one, else unknown.</summary>
    public static string OutputType(ToolDescriptor tool, ApiDetail detail, NoteLength notes, SharedEnums enums) =>
        tool.OutputSchema is { } output
            ? new TypeScriptTypeWriter(new SchemaDocument(output), detail == ApiDetail.Full ? notes : NoteLength.None, enums).Write(documentTopLevelProperties: true)
            : Unknown;

    /// <summary>
    /// Whether the declaration shows the result type. The brief listing leaves out <c>unknown</c>, and its header says
    /// once what an unannotated call returns, instead of every tool repeating it.
    /// </summary>
    public static bool ShowsOutput(ToolDescriptor tool, ApiDetail detail) => detail == ApiDetail.Full || tool.OutputSchema is not null;

    private const string Unknown = "unknown";

    // A plain object input (properties, nothing else that shapes it) can be written a property a line.
    private static bool LaysOutProperties(ToolDescriptor tool)
    {
        var root = Resolve(new SchemaDocument(tool.InputSchema));
        return SchemaDocument.TryGet(root, "properties", JsonValueKind.Object, out _)
            && !root.TryGetProperty("anyOf", out _) && !root.TryGetProperty("oneOf", out _) && !root.TryGetProperty("allOf", out _)
            && !(root.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.False);
    }

    private static bool TryGetProperties(ToolDescriptor tool, out JsonElement properties, out HashSet<string> required)
    {
        var root = Resolve(new SchemaDocument(tool.InputSchema));
        required = SchemaDocument.Required(root);
        return SchemaDocument.TryGet(root, "properties", JsonValueKind.Object, out properties);
    }

    private static bool HasNotes(JsonElement properties) =>
        properties.EnumerateObject().Any(property => ParameterNote.Of(property.Name, property.Value).Length > 0);

    // The input with a top-level $ref followed, as the type writer follows it.
    private static JsonElement Resolve(SchemaDocument document) =>
        SchemaDocument.String(document.Root, "$ref") is { } reference && document.TryResolve(reference, out var target) ? target : document.Root;
}
