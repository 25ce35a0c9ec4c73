using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Naming;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Security;
using CodeMode.Runtimes.CSharp.ScriptApi;

namespace CodeMode.Runtimes.CSharp.Proxies;

/// <summary>
/// Writes the C# source of the proxies: per server a <c>ToolProxy</c> subclass named like the server, with one method
/// per tool whose parameters are the input's properties (required first, the rest <c>= null</c>) and, when the tool
/// has an output schema, a nested positional record for its result; and a <c>Globals</c> class holding one proxy per
/// server. These are the signatures <c>codemode apis --lang cs</c> shows. A name that would collide is left out (and
/// reported): the tool stays reachable through <c>CallAsync</c>.
/// </summary>
internal static class ProxySourceWriter
{
    public const string Namespace = "CodeMode.Scripting";

    public const string GlobalsTypeName = Namespace + ".Globals";

    // Names a server's proxy may not take: the globals' own members and the generated type.
    private static readonly HashSet<string> ReservedServerNames = new(StringComparer.Ordinal)
    {
        "Globals", "Console", "log", "warn", "error", "Host", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize",
    };

    // Members of ToolProxy and object a tool method must not hide.
    private static readonly HashSet<string> ReservedToolNames = new(StringComparer.Ordinal)
    {
        "CallAsync", "Argument", "Invoke", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize",
    };

    public static string Write(IReadOnlyList<ProxyServer> servers, bool typed, List<string> problems)
    {
        var source = new StringBuilder();
        source.Append("#nullable enable\n#pragma warning disable\n")
            .Append("using System.Text.Json.Nodes;\nusing System.Text.Json.Serialization;\nusing System.Threading.Tasks;\n")
            .Append("using CodeMode.Runtimes.CSharp.ScriptApi;\n\nnamespace ").Append(Namespace).Append("\n{\n");

        var included = new List<string>();
        var capabilities = new List<string>();
        foreach (var server in servers)
        {
            if (CapabilityNames.IsCapability(server.Name))
            {
                // The brokered fs and fetch become the typed Files, Http and fetch(...) globals (ScriptApi), not proxies.
                capabilities.Add(server.Name);
                continue;
            }

            var identifier = Identifiers.CSharp(server.Name);
            if (ReservedServerNames.Contains(identifier) || CapabilityGlobalsSource.GlobalNames.Contains(identifier) || included.Contains(identifier))
            {
                problems.Add($"The server '{server.Name}' cannot be a C# global named '{identifier}' (taken); it is left out of the csharp runtime.");
                continue;
            }

            included.Add(identifier);
            WriteServer(source, server, identifier, typed, problems);
        }

        source.Append("    public sealed class Globals : ScriptGlobals\n    {\n        public Globals(ScriptHost host) : base(host)\n        {\n");
        foreach (var identifier in included)
        {
            source.Append("            ").Append(identifier).Append(" = new global::").Append(Namespace).Append('.').Append(identifier).Append("(host);\n");
        }

        CapabilityGlobalsSource.WriteInitializers(source, capabilities);
        source.Append("        }\n");
        foreach (var identifier in included)
        {
            source.Append("        public global::").Append(Namespace).Append('.').Append(identifier).Append(' ').Append(identifier).Append(" { get; }\n");
        }

        CapabilityGlobalsSource.WriteMembers(source, capabilities);

        source.Append("    }\n}\n");
        return source.ToString();
    }

    private static void WriteServer(StringBuilder source, ProxyServer server, string identifier, bool typed, List<string> problems)
    {
        source.Append("    public sealed class ").Append(identifier).Append(" : ToolProxy\n    {\n")
            .Append("        public ").Append(identifier).Append("(ScriptHost host) : base(host, ").Append(Literal(server.Name)).Append(") { }\n");

        var schemas = typed && server.Schemas is { } list ? list.ToDictionary(s => s.Name, StringComparer.Ordinal) : null;
        var taken = new HashSet<string>(StringComparer.Ordinal) { identifier };
        foreach (var tool in server.Tools ?? [])
        {
            var method = Identifiers.CSharp(tool);
            if (ReservedToolNames.Contains(method) || !taken.Add(method))
            {
                problems.Add($"{server.Name}: the tool '{tool}' cannot be the C# method '{method}' (taken); call it with {identifier}.CallAsync({Literal(tool)}, ...).");
                continue;
            }

            if (schemas is null || !schemas.TryGetValue(tool, out var schema))
            {
                source.Append("        public Task<JsonNode?> ").Append(method).Append("(object? input = null) => CallAsync(").Append(Literal(tool)).Append(", input);\n");
                continue;
            }

            WriteTool(source, server.Name, tool, method, schema, taken, problems);
        }

        source.Append("    }\n\n");
    }

    private static void WriteTool(StringBuilder source, string server, string tool, string method, ProxyToolSchema schema, HashSet<string> taken, List<string> problems)
    {
        var outputType = "JsonNode?";
        string? record = null;
        if (schema.OutputSchema is { } outputSchema && Parameters(outputSchema, server, tool, problems) is { Count: > 0 } fields)
        {
            var outputName = Identifiers.Pascal(tool) + "Output";
            if (taken.Add(outputName))
            {
                outputType = outputName;
                record = "        public sealed record " + outputName + "(" + string.Join(", ", fields.Select(f => f.RecordText)) + ");\n";
            }
            else
            {
                problems.Add($"{server}: the output record '{outputName}' of '{tool}' is taken; its result is a JsonNode.");
            }
        }

        var input = Parameters(schema.InputSchema, server, tool, problems) ?? [];
        source.Append("        public Task<").Append(outputType).Append("> ").Append(method).Append('(')
            .Append(string.Join(", ", input.Select(p => p.ParameterText))).Append(")\n        {\n")
            .Append("            var __input = new JsonObject();\n");
        foreach (var parameter in input)
        {
            source.Append("            if (Argument(").Append(parameter.Identifier).Append(") is { } ").Append(parameter.Local)
                .Append(") __input[").Append(Literal(parameter.JsonName)).Append("] = ").Append(parameter.Local).Append(";\n");
        }

        source.Append("            return Invoke").Append(record is null ? string.Empty : "<" + outputType + ">").Append('(').Append(Literal(tool)).Append(", __input);\n")
            .Append("        }\n")
            .Append(record);
    }

    /// <summary>The schema's properties as parameters, required first as C# wants; null when it has none.</summary>
    private static List<Parameter>? Parameters(JsonElement schema, string server, string tool, List<string> problems)
    {
        var types = new SchemaTypes(schema);
        var root = types.Resolve(schema);
        if (!SchemaTypes.TryGet(root, "properties", JsonValueKind.Object, out var properties))
        {
            return null;
        }

        var required = SchemaTypes.Required(root);
        var parameters = new List<Parameter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject())
        {
            var identifier = Identifiers.CSharp(property.Name);
            if (!names.Add(identifier))
            {
                problems.Add($"{server}.{tool}: two properties become the C# name '{identifier}'; '{property.Name}' is left out.");
                continue;
            }

            var type = types.Write(property.Value);
            var isRequired = required.Contains(property.Name);
            var declared = isRequired ? type : (type.EndsWith('?') ? type : type + "?");
            var suffix = isRequired ? string.Empty : " = null";
            var attribute = identifier.TrimStart('@') == property.Name ? string.Empty : $"[property: JsonPropertyName({Literal(property.Name)})] ";
            parameters.Add(new Parameter(
                identifier,
                property.Name,
                "__" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                isRequired,
                $"{declared} {identifier}{suffix}",
                $"{attribute}{declared} {identifier}{suffix}"));
        }

        return [.. parameters.Where(p => p.Required), .. parameters.Where(p => !p.Required)];
    }

    private static string Literal(string text) => JsonSerializer.Serialize(text);

    private sealed record Parameter(string Identifier, string JsonName, string Local, bool Required, string ParameterText, string RecordText);
}
