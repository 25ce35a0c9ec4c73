using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeMode.Mocks.Infrastructure;

/// <summary>
/// JSON text the way Node servers write it: <c>JSON.stringify(value, null, 2)</c> (Help Scout, AutoMem's json format)
/// or compact. Quotes and non-ASCII stay readable, as in JavaScript.
/// </summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Indented(JsonNode? node) => Write(node, Pretty);

    public static string Minified(JsonNode? node) => Write(node, Compact);

    /// <summary>The node as a detached <see cref="JsonElement"/>, for <c>structuredContent</c>.</summary>
    public static JsonElement ToElement(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            WriteNode(writer, node);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    /// <summary>What <paramref name="write"/> writes, as a detached <see cref="JsonElement"/>: for answers on hot paths
    /// that would otherwise build a node tree only to print it.</summary>
    public static JsonElement ToElement<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            write(writer, state);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static string Write(JsonNode? node, JsonWriterOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            WriteNode(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
