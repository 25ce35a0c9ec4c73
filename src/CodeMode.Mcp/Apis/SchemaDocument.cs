using System.Text.Json;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// One tool schema as a document: resolves its internal <c>$ref</c> pointers (<c>#</c>, <c>#/$defs/x</c>,
/// <c>#/definitions/x</c>, any JSON pointer) and holds the guards every walk of it obeys.
/// </summary>
internal sealed class SchemaDocument(JsonElement root)
{
    /// <summary>Deeper than this, a type is written as unknown: no real tool nests so far, and hostile ones cannot blow the stack.</summary>
    public const int MaxDepth = 20;

    public JsonElement Root { get; } = root;

    /// <summary>Resolves an internal reference; external ones (other documents, URLs) are not followed.</summary>
    public bool TryResolve(string reference, out JsonElement target)
    {
        target = Root;
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
}
