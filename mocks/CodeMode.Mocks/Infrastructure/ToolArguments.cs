using System.Text.Json;

namespace CodeMode.Mocks.Infrastructure;

/// <summary>
/// Typed reads of one call's arguments. A JSON <c>null</c> counts as absent (clients send it for "not given");
/// a value of the wrong type throws <see cref="MockArgumentException"/>, which the server answers in its own words.
/// </summary>
internal readonly struct ToolArguments(string tool, JsonElement root)
{
    public string Tool { get; } = tool;

    public JsonElement Root { get; } = root;

    public bool Has(string name) => TryGet(name, out _);

    public bool TryGet(string name, out JsonElement value)
    {
        if (Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out value) &&
            value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return true;
        }

        value = default;
        return false;
    }

    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw WrongType(name, "string", value);
    }

    public string RequiredString(string name) =>
        String(name) ?? throw new MockArgumentException(new ArgumentIssue(name, ArgumentIssueKind.Missing));

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "boolean", value),
        };
    }

    public bool Bool(string name, bool fallback) => Bool(name) ?? fallback;

    public double? Number(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw WrongType(name, "number", value);
    }

    public int? Int(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number == Math.Floor(number))
        {
            return (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        }

        throw WrongType(name, "integer", value);
    }

    public int Int(string name, int fallback) => Int(name) ?? fallback;

    public IReadOnlyList<string>? StringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "array", value);
        }

        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType($"{name}.{index}", "string", item));
            index++;
        }

        return items;
    }

    public IReadOnlyList<double>? NumberArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "array", value);
        }

        var items = new List<double>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.Number ? item.GetDouble() : throw WrongType($"{name}.{index}", "number", item));
            index++;
        }

        return items;
    }

    public JsonElement? Object(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(name, "object", value);
    }

    public JsonElement? Array(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw WrongType(name, "array", value);
    }

    private static MockArgumentException WrongType(string name, string expected, JsonElement actual) =>
        new(new ArgumentIssue(name, ArgumentIssueKind.WrongType, actual, expected));
}
