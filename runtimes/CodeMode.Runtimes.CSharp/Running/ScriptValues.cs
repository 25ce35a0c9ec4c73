using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Text;
using CodeMode.Runtimes.CSharp.ScriptApi;

namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>
/// Turns script values into JSON by a reflection walk that caches nothing: System.Text.Json's serializer would
/// cache metadata for script-defined types (anonymous types, records) and keep their collectible context alive for
/// good. Getters may be script code, so the walk charges the budget and runs under the script's deadline.
/// </summary>
internal static class ScriptValues
{
    public const int MaxDepth = 64;

    public static JsonNode? ToNode(object? value, ExecutionBudget budget) => ToNode(value, budget, 0);

    private static JsonNode? ToNode(object? value, ExecutionBudget budget, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ValueNotSerializableException($"The value is nested deeper than {MaxDepth} levels (or refers to itself); return flatter data.");
        }

        budget.Tick();
        switch (value)
        {
            case null:
                return null;
            case JsonNode node:
                return node.DeepClone();
            case JsonElement element:
                return JsonNode.Parse(element.GetRawText());
            case string text:
                return JsonValue.Create(Utf8Text.ReplaceLoneSurrogates(text));
            case char c:
                return JsonValue.Create(Utf8Text.ReplaceLoneSurrogates(c.ToString()));
            case bool flag:
                return JsonValue.Create(flag);
            case Enum member:
                return JsonValue.Create(member.ToString());
            case double number:
                return double.IsFinite(number) ? JsonValue.Create(number) : null;
            case float number:
                return float.IsFinite(number) ? JsonValue.Create(number) : null;
            case int or long or short or byte or sbyte or uint or ulong or ushort or decimal:
                return JsonNode.Parse(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
            case DateTime time:
                return JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture));
            case DateTimeOffset time:
                return JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture));
            case Guid or TimeSpan or Uri or Version:
                return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
            case Task:
                throw new ValueNotSerializableException("The value is a Task: await it first (e.g. return await automem.recall_memory(...)).");
            case Delegate:
                throw new ValueNotSerializableException("The value is a function; return data instead.");
            case IDictionary dictionary:
                return FromDictionary(dictionary, budget, depth);
            case IEnumerable items:
                return FromItems(items, budget, depth);
        }

        return FromMembers(value, budget, depth);
    }

    private static JsonObject FromDictionary(IDictionary dictionary, ExecutionBudget budget, int depth)
    {
        var result = new JsonObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToNode(entry.Value, budget, depth + 1);
        }

        return result;
    }

    private static JsonArray FromItems(IEnumerable items, ExecutionBudget budget, int depth)
    {
        var result = new JsonArray();
        foreach (var item in items)
        {
            result.Add(ToNode(item, budget, depth + 1));
        }

        return result;
    }

    private static JsonObject FromMembers(object value, ExecutionBudget budget, int depth)
    {
        var type = value.GetType();
        var result = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true })
            {
                result[property.Name] = ToNode(Read(() => property.GetValue(value)), budget, depth + 1);
            }
        }

        // Public fields: value tuples (Item1, Item2, ...) and plain classes.
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            result[field.Name] = ToNode(field.GetValue(value), budget, depth + 1);
        }

        return result;
    }

    private static object? Read(Func<object?> getter)
    {
        try
        {
            return getter();
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            // The getter's own exception (or the budget's), not the reflection wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }
}
