using System.Text.Json;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// Maps a JSON Schema to a C# type name: primitives and arrays of them as such, nested objects as
/// <c>JsonObject</c>, unions the type system cannot say as <c>JsonNode</c>. What the type loses (enum members)
/// the caller writes next to the parameter via <see cref="Constraint"/>.
/// </summary>
internal sealed class CSharpTypeWriter(SchemaDocument document, SharedEnums? enums = null)
{
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);

    public string Write(JsonElement schema) => Write(schema, 0);

    /// <summary>The schema with its references followed, for reading its properties.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < SchemaDocument.MaxDepth && SchemaDocument.String(schema, "$ref") is { } reference; hops++)
        {
            if (!document.TryResolve(reference, out schema))
            {
                return default;
            }
        }

        return schema;
    }

    /// <summary>
/// What a C# type hides and the model must know: the allowed values of an enum or const, as <c>"a" | "b"</c>, or of an
/// array's items, as <c>("a" | "b")[]</c>; an enum named in the constructor's <c>enums</c> by its name.
/// </summary>
    public string Constraint(JsonElement schema)
    {
        var resolved = Resolve(schema);
        if (SchemaDocument.TryGet(resolved, "enum", JsonValueKind.Array, out var members))
        {
            var text = SharedEnums.Members(members);
            return enums is not null && enums.TryGetName(text, out var name) ? name : text;
        }

        if (resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("const", out var constant))
        {
            return DocText.Literal(constant);
        }

        // A string[] of enum members hides them as much as a string does.
        if (SchemaDocument.TryGet(resolved, "items", JsonValueKind.Object, out var items) && Constraint(items) is { Length: > 0 } each)
        {
            return each.Contains(" | ", StringComparison.Ordinal) ? $"({each})[]" : each + "[]";
        }

        return string.Empty;
    }

    private string Write(JsonElement schema, int depth)
    {
        if (depth > SchemaDocument.MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return "JsonNode";
        }

        var type = WriteCore(schema, depth);
        return schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True ? Nullable(type) : type;
    }

    private string WriteCore(JsonElement schema, int depth)
    {
        if (SchemaDocument.String(schema, "$ref") is { } reference)
        {
            if (!document.TryResolve(reference, out var target) || !_resolving.Add(reference))
            {
                return "JsonNode";
            }

            try
            {
                return Write(target, depth + 1);
            }
            finally
            {
                _resolving.Remove(reference);
            }
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Primitive(constant.ValueKind);
        }

        if (SchemaDocument.TryGet(schema, "enum", JsonValueKind.Array, out var members))
        {
            var kinds = members.EnumerateArray().Select(member => Primitive(member.ValueKind)).Distinct().ToList();
            return kinds.Count == 1 ? kinds[0] : "JsonNode";
        }

        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (SchemaDocument.TryGet(schema, keyword, JsonValueKind.Array, out var options))
            {
                return UnionOf(options.EnumerateArray().Select(option => IsNull(option) ? null : Write(option, depth + 1)).ToList());
            }
        }

        if (SchemaDocument.TryGet(schema, "allOf", JsonValueKind.Array, out var parts))
        {
            return parts.GetArrayLength() == 1 ? Write(parts[0], depth + 1) : "JsonObject";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return Named(type.GetString()!, schema, depth);
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                return UnionOf([.. type.EnumerateArray().Select(name => name.GetString() == "null" ? null : Named(name.GetString() ?? string.Empty, schema, depth))]);
            }
        }

        return schema.TryGetProperty("properties", out _) ? "JsonObject" : "JsonNode";
    }

    private string Named(string name, JsonElement schema, int depth) => name switch
    {
        "string" => "string",
        "integer" => "long",
        "number" => "double",
        "boolean" => "bool",
        "object" => "JsonObject",
        "array" when schema.TryGetProperty("prefixItems", out _) => "JsonArray",
        "array" when schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object => Write(items, depth + 1).TrimEnd('?') + "[]",
        "array" => "JsonArray",
        _ => "JsonNode",
    };

    private static string UnionOf(List<string?> members)
    {
        var nullable = members.Contains(null);
        var types = members.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var type = types.Count == 1 ? types[0] : "JsonNode";
        return nullable ? Nullable(type) : type;
    }

    private static bool IsNull(JsonElement schema) => SchemaDocument.String(schema, "type") == "null";

    private static string Nullable(string type) => type.EndsWith('?') ? type : type + "?";

    private static string Primitive(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "double",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "JsonNode",
    };
}
