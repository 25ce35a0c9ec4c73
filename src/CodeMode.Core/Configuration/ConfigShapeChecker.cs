using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Core.Text;

namespace CodeMode.Core.Configuration;

/// <summary>
/// The first pass over runtimes.json: every unknown field, duplicate field and wrongly typed value, all at once and
/// each with its path. It also yields a cleaned copy without the offending values, so the file can still be
/// deserialized and validated and the remaining problems reported in the same run.
/// </summary>
internal sealed class ConfigShapeChecker
{
    /// <summary>Editors' schema pointer; allowed at the root and not part of the configuration.</summary>
    public const string SchemaField = "$schema";

    private readonly List<ConfigurationError> _errors = [];
    private readonly List<string> _droppedPaths = [];
    private readonly List<string> _replacedPaths = [];
    private readonly Dictionary<string, int> _documentOrder = new(StringComparer.Ordinal);

    private ConfigShapeChecker()
    {
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<ConfigurationError> Errors => _errors;


    /// <summary>The document minus unknown fields and wrongly typed values, ready to deserialize.</summary>
    public JsonObject Cleaned { get; private set; } = [];

    public static ConfigShapeChecker Check(JsonElement root)
    {
        var checker = new ConfigShapeChecker();
        if (root.ValueKind != JsonValueKind.Object)
        {
            checker.Error(ConfigJsonPath.Root, $"the file must hold a JSON object, but holds {KindName(root)}",
                "wrap the configuration in { }, with \"runtimes\" and \"mcpServers\" inside");
            return checker;
        }

        checker.Cleaned = checker.CheckRecord(root, typeof(CodeModeConfig), ConfigJsonPath.Root, isRoot: true);
        return checker;
    }

    /// <summary>
    /// Whether <paramref name="path"/> lies where a value was left out, or inside an entry replaced by <c>{}</c>.
    /// Validation failures there only echo a problem already reported (a default stood in), so the loader drops them.
    /// An entry's own name is still checked: the replacement keeps it.
    /// </summary>
    public bool IsDropped(string path) =>
        _droppedPaths.Any(dropped => ConfigJsonPath.IsAtOrUnder(path, dropped))
        || _replacedPaths.Any(replaced => path != replaced && ConfigJsonPath.IsAtOrUnder(path, replaced));

    /// <summary>
    /// Where <paramref name="path"/> (or, for a field the file leaves out, its nearest written ancestor) appears in the
    /// file, so errors can be listed top to bottom. Paths outside the file sort last.
    /// </summary>
    public int DocumentOrderOf(string path)
    {
        while (path.Length > 0)
        {
            if (_documentOrder.TryGetValue(path, out var order))
            {
                return order;
            }

            var cut = path.LastIndexOfAny(['.', '[']);
            path = cut > 0 ? path[..cut] : "";
        }

        return int.MaxValue;
    }

    private void Visit(string path) => _documentOrder.TryAdd(path, _documentOrder.Count);

    private JsonObject CheckRecord(JsonElement element, Type recordType, string path, bool isRoot = false)
    {
        var fields = ConfigShape.FieldsOf(recordType);
        var cleaned = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = isRoot ? property.Name : ConfigJsonPath.Property(path, property.Name);
            Visit(fieldPath);
            if (!seen.Add(property.Name))
            {
                Duplicate(fieldPath, property.Name);
                continue;
            }

            if (isRoot && property.Name == SchemaField)
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    Error(SchemaField, $"must be a string (the URL of a JSON schema), but is {KindName(property.Value)}", "write a URL in double quotes, or remove \"$schema\"");
                }

                continue;
            }

            var field = fields.FirstOrDefault(f => f.JsonName == property.Name);
            if (field is null)
            {
                UnknownField(fieldPath, property.Name, fields);
                continue;
            }

            var value = CheckValue(property.Value, field.Shape, field.IsNullable, field.DefaultValue, fieldPath, out var ok);
            if (ok)
            {
                cleaned[property.Name] = value;
            }
            else
            {
                _droppedPaths.Add(fieldPath);
            }
        }

        return cleaned;
    }

    private JsonNode? CheckValue(JsonElement element, ConfigShape shape, bool nullable, object? defaultValue, string path, out bool ok)
    {
        ok = true;
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (nullable)
            {
                return null;
            }

            ok = false;
            Error(path, $"must be {shape.Describe()}, not null", $"{shape.Example(defaultValue)}, or remove the field to use the default");
            return null;
        }

        switch (shape.Kind)
        {
            case ConfigShapeKind.String when element.ValueKind == JsonValueKind.String:
                return JsonValue.Create(element.GetString());

            case ConfigShapeKind.Boolean when element.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(element.GetBoolean());

            case ConfigShapeKind.Int32 or ConfigShapeKind.Int64 when element.ValueKind == JsonValueKind.Number:
                return CheckWholeNumber(element, shape, defaultValue, path, out ok);

            case ConfigShapeKind.List when element.ValueKind == JsonValueKind.Array:
                return CheckList(element, shape.Element!, path, out ok);

            case ConfigShapeKind.Map when element.ValueKind == JsonValueKind.Object:
                return CheckMap(element, shape.Element!, path);

            case ConfigShapeKind.Record when element.ValueKind == JsonValueKind.Object:
                return CheckRecord(element, shape.RecordType!, path);
        }

        ok = false;
        var found = KindName(element);
        if (element.ValueKind == JsonValueKind.String && shape.Kind is ConfigShapeKind.Int32 or ConfigShapeKind.Int64 or ConfigShapeKind.Boolean)
        {
            // Quoting a number or boolean is the usual slip; show it. (Only strings meant as numbers are quoted back,
            // never env or header values.)
            var text = element.GetString()!;
            found = text.Length <= 40 ? $"the string {JsonSerializer.Serialize(text)}" : "a string";
        }

        Error(path, $"must be {shape.Describe()}, but is {found}", shape.Example(defaultValue));
        return null;
    }

    private JsonNode? CheckWholeNumber(JsonElement element, ConfigShape shape, object? defaultValue, string path, out bool ok)
    {
        ok = true;
        long value;
        if (!element.TryGetInt64(out value))
        {
            // 1e7 is a whole number too; 1.5 and 1e30 are not whole numbers a field can hold.
            if (!element.TryGetDouble(out var number) || number != Math.Floor(number) || Math.Abs(number) >= 9.2e18)
            {
                ok = false;
                Error(path, $"must be {shape.Describe()}, but is {element.GetRawText()}", shape.Example(defaultValue));
                return null;
            }

            value = (long)number;
        }

        if (shape.Kind == ConfigShapeKind.Int64)
        {
            return JsonValue.Create(value);
        }

        if (value is < int.MinValue or > int.MaxValue)
        {
            ok = false;
            Error(path, $"must be a whole number this field can hold, but is {element.GetRawText()} (more than {int.MaxValue})",
                "use a value within the field's allowed range (docs/configuration.md lists them)");
            return null;
        }

        return JsonValue.Create((int)value);
    }

    // One bad element drops the whole list: the remaining indexes would no longer match the file.
    private JsonArray? CheckList(JsonElement element, ConfigShape elementShape, string path, out bool ok)
    {
        ok = true;
        var cleaned = new JsonArray();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = ConfigJsonPath.Index(path, index++);
            Visit(itemPath);
            var value = CheckValue(item, elementShape, nullable: false, defaultValue: null, itemPath, out var itemOk);
            ok &= itemOk;
            cleaned.Add(value);
        }

        return ok ? cleaned : null;
    }

    private JsonObject CheckMap(JsonElement element, ConfigShape valueShape, string path)
    {
        var cleaned = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var entryPath = ConfigJsonPath.Key(path, property.Name);
            Visit(entryPath);
            if (!seen.Add(property.Name))
            {
                Duplicate(entryPath, property.Name);
                continue;
            }

            var value = CheckValue(property.Value, valueShape, nullable: false, defaultValue: null, entryPath, out var ok);
            if (ok)
            {
                cleaned[property.Name] = value;
                continue;
            }

            if (valueShape.Kind == ConfigShapeKind.Record)
            {
                // Keep the name, so references to it (a runtime's "servers") are not reported as missing too.
                cleaned[property.Name] = new JsonObject();
                _replacedPaths.Add(entryPath);
            }
            else
            {
                _droppedPaths.Add(entryPath);
            }
        }

        return cleaned;
    }

    private void UnknownField(string path, string name, IReadOnlyList<ConfigField> fields)
    {
        var known = string.Join(", ", fields.Select(f => f.JsonName));
        var suggestion = Closest(name, fields.Select(f => f.JsonName));
        Error(path, $"\"{name}\" is not a known field (known here: {known})",
            suggestion is null ? "remove it, or rename it to one of the known fields" : $"did you mean \"{suggestion}\"? Rename it, or remove it");
    }

    private void Duplicate(string path, string name) =>
        Error(path, $"\"{name}\" appears more than once in the same object; only one can take effect", "keep one of them and remove the others");

    private void Error(string path, string message, string fix) => _errors.Add(new ConfigurationError(path, message, fix));

    private static string KindName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        _ => "null",
    };

    // A misspelling or wrong case of a known field: same letters ignoring case, or at most two edits apart.
    private static string? Closest(string name, IEnumerable<string> candidates) =>
        candidates
            .Select(candidate => (candidate, distance: string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                ? 0
                : EditDistance.Between(name.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .Where(c => c.distance <= 2)
            .OrderBy(c => c.distance)
            .Select(c => c.candidate)
            .FirstOrDefault();

}
