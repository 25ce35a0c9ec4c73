using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// Builds the JS value of a tool result straight from its parsed JSON, the way the engine's JSON.parse would (plain
/// objects with writable, enumerable, configurable members in order; arrays; doubles; strings; booleans; null) —
/// without printing the JSON back to text and lexing it again, which cost most of a small proxy call. Only
/// primitives and objects the engine constructs reach the script.
/// </summary>
internal static class JsonToScript
{
    /// <summary>The value, or null when the JSON holds something only the engine's own parser can decide on.</summary>
    public static JsValue? TryConvert(Engine engine, JsonElement element)
    {
        try
        {
            return Convert(engine, element);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            // A lone surrogate escape or a number out of double range: let JSON.parse have its say.
            return null;
        }
    }

    private static JsValue Convert(Engine engine, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = engine.Object.Construct(Arguments.Empty);
                foreach (var property in element.EnumerateObject())
                {
                    Add(obj, property.Name, Convert(engine, property.Value));
                }

                return obj;
            case JsonValueKind.Array:
                var items = new JsValue[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items[i++] = Convert(engine, item);
                }

                var array = engine.Array.Construct(Arguments.Empty);
                engine.Array.PrototypeObject.Push(array, items);
                return array;
            case JsonValueKind.String:
                return new JsValue(element.GetString()!);
            case JsonValueKind.Number:
                var number = element.GetDouble();
                return double.IsFinite(number) ? new JsValue(number) : throw new FormatException("out of double range");
            case JsonValueKind.True:
                return JsValue.True;
            case JsonValueKind.False:
                return JsValue.False;
            default:
                return JsValue.Null;
        }
    }

    // A repeated key keeps its last value, as JSON.parse does.
    private static void Add(ObjectInstance obj, string name, JsValue value)
    {
        if (obj.HasOwnProperty(name))
        {
            obj.Put(name, value, throwOnError: false);
            return;
        }

        obj.FastAddProperty(name, value, writable: true, enumerable: true, configurable: true);
    }
}
