using System.Text.Json;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// Writes a JSON Schema as one TypeScript type expression, compactly on one line. Nested property notes (see
/// <see cref="ParameterNote"/>) become inline <c>/** */</c> comments, at the length <paramref name="notes"/> asks;
/// the top-level ones are left to the caller. Unresolvable references, cycles and over-deep nesting become
/// <c>unknown</c>; a free-form object is <c>object</c>; an enum named in <paramref name="enums"/> is written by its name.
/// </summary>
internal sealed class TypeScriptTypeWriter(SchemaDocument document, NoteLength notes, SharedEnums? enums = null)
{
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);

    /// <summary>The type of the whole document.</summary>
    public string Write(bool documentTopLevelProperties) => Write(document.Root, 0, documentTopLevelProperties).Text;

    /// <summary>The type of one top-level property, for a caller that lays the properties out itself.</summary>
    public string WriteProperty(JsonElement schema) => Write(schema, 1).Text;

    private TsType Write(JsonElement schema, int depth, bool documentProperties = true)
    {
        if (depth > SchemaDocument.MaxDepth)
        {
            return TsType.Unknown;
        }

        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return TsType.Unknown;
            case JsonValueKind.False:
                return new TsType("never", false);
            case not JsonValueKind.Object:
                return TsType.Unknown;
        }

        var type = WriteCore(schema, depth, documentProperties);
        return schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True
            ? Union([type, TsType.Null])
            : type;
    }

    private TsType WriteCore(JsonElement schema, int depth, bool documentProperties)
    {
        if (SchemaDocument.String(schema, "$ref") is { } reference)
        {
            // A cycle (a tree of nodes) is cut at its second visit: the model sees one level, then unknown.
            if (!document.TryResolve(reference, out var target) || !_resolving.Add(reference))
            {
                return TsType.Unknown;
            }

            try
            {
                return Write(target, depth + 1, documentProperties);
            }
            finally
            {
                _resolving.Remove(reference);
            }
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return new TsType(DocText.Literal(constant), false);
        }

        if (SchemaDocument.TryGet(schema, "enum", JsonValueKind.Array, out var members))
        {
            if (enums is not null && enums.TryGetName(SharedEnums.Members(members), out var name))
            {
                return new TsType(name, name.Contains(" | ", StringComparison.Ordinal));
            }

            return Union([.. members.EnumerateArray().Select(member => new TsType(DocText.Literal(member), false))]);
        }

        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (SchemaDocument.TryGet(schema, keyword, JsonValueKind.Array, out var options) && options.GetArrayLength() > 0)
            {
                var union = Union([.. options.EnumerateArray().Select(option => Write(option, depth + 1))]);
                return HasOwnShape(schema) ? Intersection([union, WriteByType(schema, depth, documentProperties)]) : union;
            }
        }

        if (SchemaDocument.TryGet(schema, "allOf", JsonValueKind.Array, out var parts) && parts.GetArrayLength() > 0)
        {
            var all = parts.EnumerateArray().Select(part => Write(part, depth + 1, documentProperties)).ToList();
            if (HasOwnShape(schema))
            {
                all.Add(WriteByType(schema, depth, documentProperties));
            }

            return Intersection(all);
        }

        return WriteByType(schema, depth, documentProperties);
    }

    private static bool HasOwnShape(JsonElement schema) =>
        schema.TryGetProperty("properties", out _) || schema.TryGetProperty("type", out _) || schema.TryGetProperty("items", out _);

    private TsType WriteByType(JsonElement schema, int depth, bool documentProperties)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return WriteNamedType(type.GetString()!, schema, depth, documentProperties);
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                return Union([.. type.EnumerateArray()
                    .Where(name => name.ValueKind == JsonValueKind.String)
                    .Select(name => WriteNamedType(name.GetString()!, schema, depth, documentProperties))]);
            }
        }

        // No type: infer it from the keywords present, as validators would accept.
        if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _))
        {
            return WriteObject(schema, depth, documentProperties);
        }

        return schema.TryGetProperty("items", out _) || schema.TryGetProperty("prefixItems", out _)
            ? WriteArray(schema, depth)
            : TsType.Unknown;
    }

    private TsType WriteNamedType(string name, JsonElement schema, int depth, bool documentProperties) => name switch
    {
        "string" => new TsType("string", false),
        "number" or "integer" => new TsType("number", false),
        "boolean" => new TsType("boolean", false),
        "null" => TsType.Null,
        "array" => WriteArray(schema, depth),
        "object" => WriteObject(schema, depth, documentProperties),
        _ => TsType.Unknown,
    };

    private TsType WriteArray(JsonElement schema, int depth)
    {
        // Tuples: prefixItems (2020-12) or an items array (draft-07).
        var tuple = SchemaDocument.TryGet(schema, "prefixItems", JsonValueKind.Array, out var prefix) ? prefix
            : SchemaDocument.TryGet(schema, "items", JsonValueKind.Array, out var itemsArray) ? itemsArray
            : default;
        if (tuple.ValueKind == JsonValueKind.Array)
        {
            return new TsType("[" + string.Join(", ", tuple.EnumerateArray().Select(item => Write(item, depth + 1).Text)) + "]", false);
        }

        if (!schema.TryGetProperty("items", out var items))
        {
            return new TsType("unknown[]", false);
        }

        var element = Write(items, depth + 1);
        return new TsType((element.Compound ? "(" + element.Text + ")" : element.Text) + "[]", false);
    }

    private TsType WriteObject(JsonElement schema, int depth, bool documentProperties)
    {
        var members = new List<string>();
        if (SchemaDocument.TryGet(schema, "properties", JsonValueKind.Object, out var properties))
        {
            var required = SchemaDocument.Required(schema);
            foreach (var property in properties.EnumerateObject())
            {
                var doc = documentProperties ? InlineDoc(property.Name, property.Value) : string.Empty;
                var optional = required.Contains(property.Name) ? string.Empty : "?";
                members.Add($"{doc}{IdentifierNames.JavaScriptKey(property.Name)}{optional}: {Write(property.Value, depth + 1).Text}");
            }
        }

        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        if (hasAdditional && additional.ValueKind == JsonValueKind.Object)
        {
            members.Add($"[key: string]: {Write(additional, depth + 1).Text}");
        }
        else if (hasAdditional && additional.ValueKind == JsonValueKind.True)
        {
            members.Add("[key: string]: unknown");
        }
        else if (members.Count == 0 && !hasAdditional && !schema.TryGetProperty("properties", out _))
        {
            // A bare "type": "object" is a free-form bag: "object" says so in one word.
            return new TsType("object", false);
        }

        return new TsType(members.Count == 0 ? "{}" : "{ " + string.Join("; ", members) + " }", false);
    }

    private string InlineDoc(string name, JsonElement schema)
    {
        var text = ParameterNote.Of(name, schema, notes);
        return text.Length == 0 ? string.Empty : $"/** {text} */ ";
    }

    private static TsType Union(List<TsType> types)
    {
        var distinct = types.Select(type => type.Text).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return new TsType("never", false);
        }

        if (distinct.Contains("unknown"))
        {
            return TsType.Unknown;
        }

        return distinct.Count == 1 ? types.First() : new TsType(string.Join(" | ", distinct), true);
    }

    private static TsType Intersection(List<TsType> types)
    {
        var distinct = types.Where(type => type.Text != "unknown").DistinctBy(type => type.Text).ToList();
        return distinct.Count switch
        {
            0 => TsType.Unknown,
            1 => distinct[0],
            _ => new TsType(string.Join(" & ", distinct.Select(type => type.Compound ? "(" + type.Text + ")" : type.Text)), true),
        };
    }

    /// <summary>A type and whether it needs parentheses as an array element (a union or intersection).</summary>
    private readonly record struct TsType(string Text, bool Compound)
    {
        public static TsType Unknown { get; } = new("unknown", false);

        public static TsType Null { get; } = new("null", false);
    }
}
