using System.Text.Json;

namespace CodeMode.Mocks.Infrastructure;

/// <summary>
/// Checks arguments against a tool's inputSchema the way zod (Help Scout) and pydantic (Serena) do before the tool
/// runs: required properties, types (with <c>anyOf</c> and <c>null</c>), enums, numeric bounds and array sizes, one
/// into array items and nested objects. Unknown properties pass, as both libraries strip or ignore them by default, unless
/// the schema says <c>additionalProperties: false</c> (zod's <c>.strict()</c>, pydantic's <c>extra="forbid"</c>).
/// </summary>
internal static class SchemaArgumentChecker
{
    public static List<ArgumentIssue> Check(JsonElement schema, JsonElement arguments)
    {
        var issues = new List<ArgumentIssue>();
        CheckObject(null, schema, arguments, issues);
        return issues;
    }

    private static void CheckObject(string? prefix, JsonElement schema, JsonElement arguments, List<ArgumentIssue> issues)
    {
        var hasArguments = arguments.ValueKind == JsonValueKind.Object;

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                var property = name.GetString()!;
                if (!hasArguments || !arguments.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Undefined)
                {
                    issues.Add(new ArgumentIssue(Path(prefix, property), ArgumentIssueKind.Missing));
                }
            }
        }

        if (!hasArguments)
        {
            return;
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        foreach (var argument in arguments.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(argument.Name, out var propertySchema))
            {
                CheckValue(Path(prefix, argument.Name), propertySchema, argument.Value, issues);
            }
            else if (closed)
            {
                issues.Add(new ArgumentIssue(Path(prefix, argument.Name), ArgumentIssueKind.NotAllowed, argument.Value));
            }
        }
    }

    private static string Path(string? prefix, string name) => prefix is null ? name : $"{prefix}.{name}";

    private static void CheckValue(string field, JsonElement schema, JsonElement value, List<ArgumentIssue> issues)
    {
        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            ArgumentIssue? first = null;
            foreach (var option in anyOf.EnumerateArray())
            {
                var attempt = new List<ArgumentIssue>();
                CheckValue(field, option, value, attempt);
                if (attempt.Count == 0)
                {
                    return;
                }

                first ??= attempt[0];
            }

            if (first is not null)
            {
                issues.Add(first);
            }

            return;
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(type.GetString(), value))
        {
            issues.Add(new ArgumentIssue(field, ArgumentIssueKind.WrongType, value, type.GetString()));
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed))
        {
            var found = false;
            var names = new List<string>();
            foreach (var option in allowed.EnumerateArray())
            {
                names.Add(option.ToString());
                found |= JsonElement.DeepEquals(option, value);
            }

            if (!found)
            {
                issues.Add(new ArgumentIssue(field, ArgumentIssueKind.NotInEnum, value, Allowed: names));
                return;
            }
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDouble())
            {
                issues.Add(new ArgumentIssue(field, ArgumentIssueKind.TooSmall, value, Limit: minimum.GetDouble()));
            }
            else if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDouble())
            {
                issues.Add(new ArgumentIssue(field, ArgumentIssueKind.TooBig, value, Limit: maximum.GetDouble()));
            }
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var length = value.GetArrayLength();
            if (schema.TryGetProperty("minItems", out var minItems) && length < minItems.GetInt32())
            {
                issues.Add(new ArgumentIssue(field, ArgumentIssueKind.TooFewItems, value, Limit: minItems.GetInt32()));
            }
            else if (schema.TryGetProperty("maxItems", out var maxItems) && length > maxItems.GetInt32())
            {
                issues.Add(new ArgumentIssue(field, ArgumentIssueKind.TooManyItems, value, Limit: maxItems.GetInt32()));
            }

            if (schema.TryGetProperty("items", out var items))
            {
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckValue($"{field}.{index}", items, item, issues);
                    index++;
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Object && (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _)))
        {
            CheckObject(field, schema, value, issues);
        }
    }

    private static bool HasType(string? type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number == Math.Floor(number),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };
}
