using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Naming;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// C# signatures for the csharp runtime: a static class per server with one async method per tool whose
/// parameters are the input's properties, and a positional record per output (nested objects stay
/// <c>JsonObject</c>, to keep it short). Declarations to read, not to compile: modifiers and the <c>= null</c> of
/// optional parameters are left out (the header says a <c>?</c> parameter may be left out), and so is the brief
/// listing's <c>Task&lt;JsonNode?&gt;</c> of untyped tools (the header says what they return); the enums its tools
/// repeat are named once, at the top of the class.
/// Names are sanitised; a tool whose C# name collides with another's is left out and reported.
/// </summary>
internal static class CSharpDeclarationWriter
{
    // Two spaces, not four: a listing is read, and indentation is a tenth of a lean server's bytes.
    private const string Indent = "  ";

    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools, ApiDetail detail, List<string> problems, NoteLength notes = NoteLength.Whole)
    {
        notes = detail == ApiDetail.Full ? notes : NoteLength.None;
        var enums = detail == ApiDetail.Brief ? SharedEnums.Find(tools) : SharedEnums.None;
        output.Append("// ").Append(server).Append(": await each call")
            .Append(detail == ApiDetail.Brief && tools.Any(tool => tool.OutputSchema is null) ? " (untyped ones return JsonNode?)" : string.Empty)
            .Append("; pass arguments by name; a ? parameter may be left out.\n");
        output.Append("public static class ").Append(Identifiers.CSharp(server)).Append("\n{\n");
        foreach (var (name, members) in enums.Declarations)
        {
            output.Append(Indent).Append("// ").Append(name).Append(": ").Append(members).Append('\n');
        }

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
            if (tool.OutputSchema is { } outputSchema && Parameters(outputSchema, server, tool.Name, outputName, notes, enums, problems) is { } fields)
            {
                taken[outputName] = tool.Name;
                outputType = outputName;
                var docs = string.Concat(fields.Where(field => field.Note.Length > 0)
                    .Select(field => $"{Indent}/// <param name=\"{field.Name}\">{DocText.Xml(field.Note)}</param>\n"));
                outputRecord = $"{docs}{Indent}record {outputName}({string.Join(", ", fields.Select(field => field.Text))});\n";
            }

            // The brief listing's one sentence goes after the method as a plain comment (written below): the same
            // words without the XML around them.
            if (detail == ApiDetail.Full && string.Join($"\n{Indent}/// ", DocText.CommentLines(tool.Description).Select(DocText.Xml)) is { Length: > 0 } summary)
            {
                output.Append(Indent).Append("/// <summary>").Append(summary).Append("</summary>\n");
            }

            // The input's properties as parameters: named arguments read like the JSON they become.
            var input = Parameters(tool.InputSchema, server, tool.Name, method, notes, enums, problems) ?? [];
            if (detail == ApiDetail.Full && notes == NoteLength.None && Parameters(tool.InputSchema, server, tool.Name, method, NoteLength.Whole, enums, []) is { } whole
                && whole.Any(parameter => parameter.Note.Length > 0))
            {
                output.Append(Indent).Append("// ").Append(ToolDoc.LeftOut(server)).Append('\n');
            }

            // Like the TypeScript listing, the brief one leaves out the result type every untyped tool would repeat.
            output.Append(Indent);
            if (detail == ApiDetail.Full || tool.OutputSchema is not null)
            {
                output.Append("Task<").Append(outputType).Append("> ");
            }

            output.Append(method).Append('(');
            WriteParameters(output, input, detail == ApiDetail.Brief ? DocText.BriefSummary(tool.Description) : string.Empty);
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

    /// <summary>
    /// The parameters and <c>);</c>: on one line, followed by <paramref name="comment"/> if any, or one a line with each
    /// note as a trailing comment (the few bytes a note costs there, against a whole <c>/// &lt;param name=""&gt;</c> line).
    /// </summary>
    private static void WriteParameters(StringBuilder output, List<Parameter> parameters, string comment)
    {
        if (parameters.All(parameter => parameter.Note.Length == 0))
        {
            output.Append(string.Join(", ", parameters.Select(parameter => parameter.Text))).Append(");");
            output.Append(comment.Length > 0 ? " // " + comment + "\n" : "\n");
            return;
        }

        output.Append('\n');
        for (var i = 0; i < parameters.Count; i++)
        {
            output.Append(Indent).Append(Indent).Append(parameters[i].Text).Append(i == parameters.Count - 1 ? ");" : ",");
            if (parameters[i].Note.Length > 0)
            {
                output.Append(" // ").Append(parameters[i].Note);
            }

            output.Append('\n');
        }
    }

    /// <summary>The schema's properties as C# parameters (required first, as C# wants), or null when it has none.</summary>
    private static List<Parameter>? Parameters(JsonElement schema, string server, string tool, string owner, NoteLength notes, SharedEnums enums, List<string> problems)
    {
        var document = new SchemaDocument(schema);
        var types = new CSharpTypeWriter(document, enums);
        var root = types.Resolve(schema);
        if (!SchemaDocument.TryGet(root, "properties", JsonValueKind.Object, out var properties))
        {
            return null;
        }

        var required = SchemaDocument.Required(root);
        var parameters = new List<(bool Required, Parameter Parameter)>();
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
            var text = isRequired
                ? $"{attribute}{type} {identifier}{constraint}"
                : $"{attribute}{(type.EndsWith('?') ? type : type + "?")} {identifier}{constraint}";
            parameters.Add((isRequired, new Parameter(identifier.TrimStart('@'), text, ParameterNote.Of(property.Name, property.Value, notes))));
        }

        return [.. parameters.Where(p => p.Required).Concat(parameters.Where(p => !p.Required)).Select(p => p.Parameter)];
    }

    /// <param name="Name">The identifier, without a verbatim <c>@</c>.</param>
    /// <param name="Text">The declaration: attribute, type, name, enum members.</param>
    /// <param name="Note">What the schema says besides the type; empty in brief.</param>
    private sealed record Parameter(string Name, string Text, string Note);
}
