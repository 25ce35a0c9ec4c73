using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>
/// What a proxy call gives the script, the same in every runtime: the tool's <c>structuredContent</c> when it has
/// one; otherwise a single text block parsed as JSON when it is JSON, else the text as a JSON string; several blocks
/// as an array of their values; images, audio and resources as plain objects <c>{type, mimeType, data | uri | text}</c>.
/// </summary>
/// <remarks>
/// The projection is computed once per result: the tracing gateway measures it and the outcome mapper hands the
/// same value to the sandbox, so a weak per-result cache keeps the bytes and, when one was parsed anyway, the
/// <see cref="JsonElement"/>. JSON text is minified in place and parsed once (which validates it); no re-serialization.
/// </remarks>
public static class ToolResultProjection
{
    private static readonly ConditionalWeakTable<ToolResult, Projection> Projected = new();

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 128 };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Values are data for programs and models: keep quotes and non-ASCII readable, as CodeModeJson does.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>The value the script receives, as UTF-8 JSON. Callers must not modify the returned array.</summary>
    public static byte[] ToScriptValue(ToolResult result) => Get(result).Utf8;

    /// <summary>The same value as a <see cref="JsonElement"/>, for <see cref="Abstractions.Sandbox.ToolBridgeResult.FromValue"/>.</summary>
    public static JsonElement ToScriptElement(ToolResult result)
    {
        var projection = Get(result);
        lock (projection)
        {
            // JsonElement is a multi-field struct: set it under the lock so no reader sees half of it.
            return projection.Element ??= JsonElement.Parse(projection.Utf8, ParseOptions);
        }
    }

    /// <summary>The message of an <c>isError</c> result: its text blocks, one per line.</summary>
    public static string ErrorMessage(ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string? message = null;
        foreach (var block in result.Content)
        {
            if (block.Text is { Length: > 0 } text && block.Type == "text")
            {
                message = message is null ? text : message + "\n" + text;
            }
        }

        if (message is null && result.StructuredContent is { ValueKind: not JsonValueKind.Undefined } structured)
        {
            message = structured.GetRawText();
        }

        return message ?? "The tool reported an error without a message.";
    }

    private static Projection Get(ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Projected.TryGetValue(result, out var cached))
        {
            return cached;
        }

        var projection = Project(result);
        return Projected.TryAdd(result, projection) ? projection : Projected.TryGetValue(result, out var raced) ? raced : projection;
    }

    private static Projection Project(ToolResult result)
    {
        if (result.StructuredContent is { ValueKind: not JsonValueKind.Undefined } structured)
        {
            return new Projection(JsonMarshal.GetRawUtf8Value(structured).ToArray(), structured);
        }

        var blocks = result.Content;
        if (blocks.Count == 1 && blocks[0].Type == "text")
        {
            return ProjectText(blocks[0].Text ?? "");
        }

        var output = new ArrayBufferWriter<byte>(256);
        if (blocks.Count == 0)
        {
            output.Write("null"u8);
        }
        else if (blocks.Count == 1)
        {
            WriteBlock(blocks[0], output);
        }
        else
        {
            output.Write("["u8);
            for (var i = 0; i < blocks.Count; i++)
            {
                if (i > 0)
                {
                    output.Write(","u8);
                }

                WriteBlock(blocks[i], output);
            }

            output.Write("]"u8);
        }

        return new Projection(output.WrittenSpan.ToArray(), null);
    }

    private static void WriteBlock(ToolContent block, ArrayBufferWriter<byte> output)
    {
        if (block.Type == "text")
        {
            output.Write(ProjectText(block.Text ?? "").Utf8);
            return;
        }

        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type"u8, block.Type);
        if (block.MimeType is not null)
        {
            writer.WriteString("mimeType"u8, block.MimeType);
        }

        if (block.Data is not null)
        {
            writer.WriteString("data"u8, block.Data);
        }

        if (block.Uri is not null)
        {
            writer.WriteString("uri"u8, block.Uri);
        }

        if (block.Text is not null)
        {
            writer.WriteString("text"u8, block.Text);
        }

        writer.WriteEndObject();
    }

    /// <summary>The text as its JSON value when it is one JSON value, else as a JSON string.</summary>
    private static Projection ProjectText(string text)
    {
        if (MayBeJson(text))
        {
            var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
            try
            {
                var utf8 = rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented));

                // Minifying keeps invalid text invalid (see MinifyInPlace), so the one parse after it validates; the
                // reader rejects comments, trailing commas and anything after the value.
                var minified = utf8[..MinifyInPlace(utf8)];
                if (TryParse(minified, out var element))
                {
                    return new Projection(minified.ToArray(), element);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        var output = new ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            writer.WriteStringValue(text);
        }

        return new Projection(output.WrittenSpan.ToArray(), null);
    }

    private static bool TryParse(ReadOnlySpan<byte> utf8, out JsonElement element)
    {
        try
        {
            element = JsonElement.Parse(utf8, ParseOptions);
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }

    /// <summary>
    /// A cheap necessary condition (first and last characters) so that plain text such as "OK" or "3 passed in 0.4s"
    /// never pays for a failed parse.
    /// </summary>
    private static bool MayBeJson(string text)
    {
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        var last = span[^1];
        return span[0] switch
        {
            '{' => last == '}',
            '[' => last == ']',
            '"' => last == '"' && span.Length > 1,
            '-' or (>= '0' and <= '9') => last is >= '0' and <= '9',
            't' => span.SequenceEqual("true"),
            'f' => span.SequenceEqual("false"),
            'n' => span.SequenceEqual("null"),
            _ => false,
        };
    }

    /// <summary>
    /// Drops the whitespace between tokens; strings are copied untouched. One space stays between two word characters
    /// (<c>1 2</c>, <c>true false</c>): valid JSON never has that, and keeping it keeps invalid text invalid.
    /// </summary>
    private static int MinifyInPlace(Span<byte> json)
    {
        var written = 0;
        var inString = false;
        var escaped = false;
        var skipped = false;
        for (var read = 0; read < json.Length; read++)
        {
            var b = json[read];
            if (inString)
            {
                json[written++] = b;
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                skipped = true;
            }
            else
            {
                if (skipped && written > 0 && IsWordByte(json[written - 1]) && IsWordByte(b))
                {
                    json[written++] = (byte)' ';
                }

                skipped = false;
                json[written++] = b;
                inString = b == (byte)'"';
            }
        }

        return written;
    }

    private static bool IsWordByte(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'.' or (byte)'-' or (byte)'+';

    /// <summary>One result's script value: its bytes, and its element once one exists.</summary>
    private sealed class Projection(byte[] utf8, JsonElement? element)
    {
        public byte[] Utf8 { get; } = utf8;

        public JsonElement? Element { get; set; } = element;
    }
}
