using System.Text.Json;

namespace CodeMode.Runtimes.CSharp.Proxies;

/// <summary>
/// A JSON Schema as a C# type name, by the rules of the declarations agents read (<c>CodeMode.Mcp.Apis.CSharpTypeWriter</c>):
/// primitives and arrays of them as such, objects as <c>JsonObject</c>, what C# cannot say as <c>JsonNode</c>.
/// Internal <c>$ref</c>s are followed; depth is capped so hostile schemas cannot blow the stack.
/// </summary>
internal sealed class SchemaTypes(JsonElement root)
{
    private const int MaxDepth = 20;

    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);

    public string Write(JsonElement schema) => Write(schema, 0);

    /// <summary>The schema with its references followed, for reading its properties.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < MaxDepth && String(schema, "$ref") is { } reference; hops++)
        {
            if (!TryResolve(reference, out schema))
            {
                return default;
            }
        }

        return schema;
    }

    public static string? String(JsonElement schema, string name) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool TryGet(JsonElement schema, string name, JsonValueKind kind, out JsonElement value)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(name, out value) && value.ValueKind == kind)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static HashSet<string> Required(JsonElement schema)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (TryGet(schema, "required", JsonValueKind.Array, out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    required.Add(item.GetString()!);
                }
            }
        }

        return required;
    }

    private bool TryResolve(string reference, out JsonElement target)
    {
        target = root;
        if (!reference.StartsWith('#'))
        {
            return false;
        }

        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            return false;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(segment, out var child))
            {
                target = child;
            }
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < target.GetArrayLength())
            {
                target = target[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private string Write(JsonElement schema, int depth)
    {
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return "JsonNode";
        }

        var type = WriteCore(schema, depth);
        return schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True ? Nullable(type) : type;
    }

    private string WriteCore(JsonElement schema, int depth)
    {
        if (String(schema, "$ref") is { } reference)
        {
            if (!TryResolve(reference, out var target) || !_resolving.Add(reference))
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

        if (TryGet(schema, "enum", JsonValueKind.Array, out var members))
        {
            var kinds = members.EnumerateArray().Select(member => Primitive(member.ValueKind)).Distinct().ToList();
            return kinds.Count == 1 ? kinds[0] : "JsonNode";
        }

        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (TryGet(schema, keyword, JsonValueKind.Array, out var options))
            {
                return UnionOf(options.EnumerateArray().Select(option => String(option, "type") == "null" ? null : Write(option, depth + 1)).ToList());
            }
        }

        if (TryGet(schema, "allOf", JsonValueKind.Array, out var parts))
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

    private static string Nullable(string type) => type.EndsWith('?') ? type : type + "?";

    private static string Primitive(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "double",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "JsonNode",
    };
}
