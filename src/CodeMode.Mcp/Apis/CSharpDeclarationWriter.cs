using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// C# signatures for the csharp runtime: a static class per server with one async method per tool, and a
/// positional record for each input and output (nested objects stay <c>JsonObject</c>, to keep it short).
/// Names are sanitised; a tool whose C# name collides with another's is left out and reported.
/// </summary>
internal static class CSharpDeclarationWriter
{
    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools, ApiDetail detail, List<string> problems)
    {
        output.Append("// ").Append(server).Append(": await each call; pass the input record (or any object with the same JSON names).\n");
        output.Append("public static class ").Append(IdentifierNames.CSharpIdentifier(server)).Append("\n{\n");
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var method = IdentifierNames.CSharpIdentifier(tool.Name);
            var typeName = IdentifierNames.Pascal(tool.Name);
            if (Collides(taken, method, tool.Name, server, problems) || Collides(taken, typeName + "Input", tool.Name, server, problems))
            {
                continue;
            }

            taken[method] = tool.Name;
            taken[typeName + "Input"] = tool.Name;
            var outputType = "JsonNode?";
            var outputRecord = tool.OutputSchema is { } outputSchema ? Record(typeName + "Output", outputSchema, server, tool.Name, detail, problems) : null;
            if (outputRecord is not null)
            {
                outputType = typeName + "Output";
            }

            var description = detail == ApiDetail.Brief ? DocText.Summary(tool.Description) : tool.Description;
            foreach (var line in DocText.CommentLines(description).Select((text, index) => (text, index)))
            {
                output.Append("    /// ").Append(line.index == 0 ? "<summary>" : string.Empty).Append(DocText.Xml(line.text)).Append('\n');
            }

            if (!string.IsNullOrWhiteSpace(description))
            {
                output.Length--;
                output.Append("</summary>\n");
            }

            output.Append("    public static Task<").Append(outputType).Append("> ").Append(method)
                .Append('(').Append(typeName).Append("Input input);\n");
            output.Append(Record(typeName + "Input", tool.InputSchema, server, tool.Name, detail, problems) ?? $"    public sealed record {typeName}Input();\n");
            output.Append(outputRecord);
        }

        output.Append("}\n");
    }

    private static bool Collides(Dictionary<string, string> taken, string name, string tool, string server, List<string> problems)
    {
        if (!taken.TryGetValue(name, out var other))
        {
            return false;
        }

        problems.Add($"{server}: the tools '{other}' and '{tool}' both become the C# name '{name}'; '{tool}' is left out of the C# API.");
        return true;
    }

    /// <summary>A positional record of the schema's properties (required first, as C# wants), or null when it has none.</summary>
    private static string? Record(string name, JsonElement schema, string server, string tool, ApiDetail detail, List<string> problems)
    {
        var document = new SchemaDocument(schema);
        var types = new CSharpTypeWriter(document);
        var root = types.Resolve(schema);
        if (!SchemaDocument.TryGet(root, "properties", JsonValueKind.Object, out var properties))
        {
            return null;
        }

        var required = SchemaDocument.Required(root);
        var docs = new StringBuilder();
        var parameters = new List<(bool Required, string Text)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject())
        {
            var identifier = IdentifierNames.CSharpIdentifier(property.Name);
            if (!names.Add(identifier))
            {
                problems.Add($"{server}.{tool}: two properties become the C# name '{identifier}'; '{property.Name}' is left out of {name}.");
                continue;
            }

            var type = types.Write(property.Value);
            var isRequired = required.Contains(property.Name);
            var attribute = identifier.TrimStart('@') == property.Name ? string.Empty : $"[property: JsonPropertyName({DocText.Literal(property.Name)})] ";
            parameters.Add((isRequired, isRequired
                ? $"{attribute}{type} {identifier}"
                : $"{attribute}{(type.EndsWith('?') ? type : type + "?")} {identifier} = null"));

            // Brief keeps only what the C# type cannot say (an enum's members); Full adds the prose.
            var text = (detail == ApiDetail.Full
                ? DocText.OneLine(SchemaDocument.String(property.Value, "description")) + types.Constraint(property.Value) + SchemaDocument.Tags(property.Value)
                : types.Constraint(property.Value)).Trim();
            if (text.Length > 0)
            {
                docs.Append("    /// <param name=\"").Append(identifier.TrimStart('@')).Append("\">").Append(DocText.Xml(text)).Append("</param>\n");
            }
        }

        var ordered = parameters.Where(p => p.Required).Concat(parameters.Where(p => !p.Required)).Select(p => p.Text);
        return $"{docs}    public sealed record {name}({string.Join(", ", ordered)});\n";
    }
}
