using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Naming;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// C# signatures for the csharp runtime: a static class per server with one async method per tool whose
/// parameters are the input's properties, and a positional record per output (nested objects stay
/// <c>JsonObject</c>, to keep it short). Declarations to read, not to compile: modifiers and the <c>= null</c> of
/// optional parameters are left out (the header says a <c>?</c> parameter may be left out).
/// Names are sanitised; a tool whose C# name collides with another's is left out and reported.
/// </summary>
internal static class CSharpDeclarationWriter
{
    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools, ApiDetail detail, List<string> problems)
    {
        output.Append("// ").Append(server).Append(": await each call; each parameter is a property of the tool's input, so pass them by name; a ? parameter may be left out.\n");
        output.Append("public static class ").Append(Identifiers.CSharp(server)).Append("\n{\n");
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var method = Identifiers.CSharp(tool.Name);
            var outputName = Identifiers.Pascal(tool.Name) + "Output";
            if (Collides(taken, method, tool.Name, server, problems) || (tool.OutputSchema is not null && Collides(taken, outputName, tool.Name, server, problems)))
            {
                continue;
            }

            taken[method] = tool.Name;
            var outputType = "JsonNode?";
            string? outputRecord = null;
            if (tool.OutputSchema is { } outputSchema && Parameters(outputSchema, server, tool.Name, outputName, detail, problems) is { } fields)
            {
                taken[outputName] = tool.Name;
                outputType = outputName;
                outputRecord = $"{fields.Docs}    record {outputName}({fields.List});\n";
            }

            // The brief listing's one sentence as a plain comment: the same words without the XML around them.
            if (detail == ApiDetail.Brief)
            {
                if (DocText.Summary(tool.Description) is { Length: > 0 } sentence)
                {
                    output.Append("    // ").Append(sentence).Append('\n');
                }
            }
            else if (string.Join("\n    /// ", DocText.CommentLines(tool.Description).Select(DocText.Xml)) is { Length: > 0 } summary)
            {
                output.Append("    /// <summary>").Append(summary).Append("</summary>\n");
            }

            // The input's properties as parameters: named arguments read like the JSON they become.
            var input = Parameters(tool.InputSchema, server, tool.Name, method, detail, problems);
            output.Append(input?.Docs).Append("    Task<").Append(outputType).Append("> ").Append(method)
                .Append('(').Append(input?.List).Append(");\n");
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

    /// <summary>The schema's properties as a C# parameter list (required first, as C# wants), or null when it has none.</summary>
    private static (string Docs, string List)? Parameters(JsonElement schema, string server, string tool, string owner, ApiDetail detail, List<string> problems)
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
            var identifier = Identifiers.CSharp(property.Name);
            if (!names.Add(identifier))
            {
                problems.Add($"{server}.{tool}: two properties become the C# name '{identifier}'; '{property.Name}' is left out of {owner}.");
                continue;
            }

            var type = types.Write(property.Value);
            var isRequired = required.Contains(property.Name);
            var attribute = identifier.TrimStart('@') == property.Name ? string.Empty : $"[JsonPropertyName({DocText.Literal(property.Name)})] ";

            // What the C# type cannot say (an enum's members) stays next to the parameter, in both details.
            var constraint = types.Constraint(property.Value);
            constraint = constraint.Length == 0 ? string.Empty : " /* " + constraint + " */";
            parameters.Add((isRequired, isRequired
                ? $"{attribute}{type} {identifier}{constraint}"
                : $"{attribute}{(type.EndsWith('?') ? type : type + "?")} {identifier}{constraint}"));

            var text = detail == ApiDetail.Full
                ? (DocText.OneLine(SchemaDocument.String(property.Value, "description")) + SchemaDocument.Tags(property.Value)).Trim()
                : string.Empty;
            if (text.Length > 0)
            {
                docs.Append("    /// <param name=\"").Append(identifier.TrimStart('@')).Append("\">").Append(DocText.Xml(text)).Append("</param>\n");
            }
        }

        var ordered = parameters.Where(p => p.Required).Concat(parameters.Where(p => !p.Required)).Select(p => p.Text);
        return (docs.ToString(), string.Join(", ", ordered));
    }
}
