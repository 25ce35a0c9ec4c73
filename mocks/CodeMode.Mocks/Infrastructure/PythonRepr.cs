using System.Text;
using System.Text.Json;

namespace CodeMode.Mocks.Infrastructure;

/// <summary>A JSON value as Python's <c>repr</c> prints the parsed value (pydantic puts it in its messages).</summary>
internal static class PythonRepr
{
    public static string Of(JsonElement value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    /// <summary>The Python type name of the parsed value (<c>str</c>, <c>int</c>, <c>dict</c>, ...).</summary>
    public static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "list",
        JsonValueKind.Object => "dict",
        _ => "NoneType",
    };

    private static void Write(StringBuilder builder, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    builder.Append(first ? "" : ", ");
                    first = false;
                    WriteString(builder, property.Name);
                    builder.Append(": ");
                    Write(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    builder.Append(index++ == 0 ? "" : ", ");
                    Write(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, value.GetString()!);
                break;
            case JsonValueKind.True:
                builder.Append("True");
                break;
            case JsonValueKind.False:
                builder.Append("False");
                break;
            case JsonValueKind.Number:
                builder.Append(value.GetRawText());
                break;
            default:
                builder.Append("None");
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        builder.Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\t': builder.Append(@"\t"); break;
                case '\r': builder.Append(@"\r"); break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                    break;
            }
        }

        builder.Append(quote);
    }
}
