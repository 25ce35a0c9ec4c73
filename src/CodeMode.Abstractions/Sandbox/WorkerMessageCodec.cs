using System.Text.Json;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>
/// JSON for <see cref="WorkerMessage"/>s. The two messages of a proxy call (<see cref="ToolCallMessage"/> and
/// <see cref="ToolResultMessage"/>) cross the channel once per call each way, so they are written and read by hand;
/// the general serializer's polymorphic, constructor-bound path cost several times more than the call itself. The
/// bytes are exactly what the serializer writes (discriminator first), and everything else still goes through it,
/// so either side may take either path.
/// </summary>
public static class WorkerMessageCodec
{
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ToolCallType = JsonEncodedText.Encode("toolCall");
    private static readonly JsonEncodedText ToolResultType = JsonEncodedText.Encode("toolResult");
    private static readonly JsonEncodedText ExecutionIdName = JsonEncodedText.Encode("executionId");
    private static readonly JsonEncodedText CallIdName = JsonEncodedText.Encode("callId");
    private static readonly JsonEncodedText ServerName = JsonEncodedText.Encode("server");
    private static readonly JsonEncodedText ToolName = JsonEncodedText.Encode("tool");
    private static readonly JsonEncodedText ArgumentsName = JsonEncodedText.Encode("arguments");
    private static readonly JsonEncodedText ResultName = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText KindValue = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText KindError = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText KindAbort = JsonEncodedText.Encode("abort");

    public static void Write(Utf8JsonWriter json, WorkerMessage message)
    {
        switch (message)
        {
            case ToolCallMessage call:
                WriteToolCall(json, call);
                break;
            case ToolResultMessage result:
                WriteToolResult(json, result);
                break;
            default:
                JsonSerializer.Serialize(json, message, CodeModeJson.Options);
                break;
        }
    }

    /// <summary>Reads one message; throws <see cref="JsonException"/> when the JSON is not one.</summary>
    public static WorkerMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = CodeModeJson.Options.MaxDepth });
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(TypeName.EncodedUtf8Bytes)
            && reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            WorkerMessage? message = reader.ValueTextEquals(ToolCallType.EncodedUtf8Bytes) ? ReadToolCall(ref reader)
                : reader.ValueTextEquals(ToolResultType.EncodedUtf8Bytes) ? ReadToolResult(ref reader)
                : null;
            if (message is not null)
            {
                return reader.Read() ? throw new JsonException("Data follows the message.") : message;
            }
        }

        return JsonSerializer.Deserialize<WorkerMessage>(payload, CodeModeJson.Options);
    }

    private static void WriteToolCall(Utf8JsonWriter json, ToolCallMessage call)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, ToolCallType);
        WriteStringOrOmit(json, ExecutionIdName, call.ExecutionId);
        json.WriteNumber(CallIdName, call.CallId);
        WriteStringOrOmit(json, ServerName, call.Server);
        WriteStringOrOmit(json, ToolName, call.Tool);
        if (call.Arguments.ValueKind != JsonValueKind.Undefined)
        {
            json.WritePropertyName(ArgumentsName);
            call.Arguments.WriteTo(json);
        }

        json.WriteEndObject();
    }

    private static void WriteToolResult(Utf8JsonWriter json, ToolResultMessage message)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, ToolResultType);
        WriteStringOrOmit(json, ExecutionIdName, message.ExecutionId);
        json.WriteNumber(CallIdName, message.CallId);
        if (message.Result is { } result)
        {
            json.WriteStartObject(ResultName);
            json.WriteString(KindName, result.Kind switch
            {
                ToolBridgeResultKind.Value => KindValue,
                ToolBridgeResultKind.Error => KindError,
                ToolBridgeResultKind.Abort => KindAbort,
                _ => throw new JsonException($"Unknown tool result kind {result.Kind}."),
            });
            if (result.Value is { } value)
            {
                json.WritePropertyName(ValueName);
                value.WriteTo(json);
            }

            WriteStringOrOmit(json, CodeName, result.Code);
            WriteStringOrOmit(json, MessageName, result.Message);
            if (result.Status is { } status)
            {
                json.WritePropertyName(StatusName);
                JsonSerializer.Serialize(json, status, CodeModeJson.Options);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static ToolCallMessage ReadToolCall(ref Utf8JsonReader reader)
    {
        string? executionId = null, server = null, tool = null;
        int? callId = null;
        var arguments = default(JsonElement);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(ExecutionIdName.EncodedUtf8Bytes))
            {
                executionId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(CallIdName.EncodedUtf8Bytes))
            {
                callId = ReadInt32(ref reader);
            }
            else if (reader.ValueTextEquals(ServerName.EncodedUtf8Bytes))
            {
                server = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(ToolName.EncodedUtf8Bytes))
            {
                tool = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(ArgumentsName.EncodedUtf8Bytes))
            {
                reader.Read();
                arguments = JsonElement.ParseValue(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new ToolCallMessage(
            executionId ?? throw Missing("toolCall", "executionId"),
            callId ?? throw Missing("toolCall", "callId"),
            server!,
            tool!,
            arguments);
    }

    private static ToolResultMessage ReadToolResult(ref Utf8JsonReader reader)
    {
        string? executionId = null;
        int? callId = null;
        ToolBridgeResult? result = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(ExecutionIdName.EncodedUtf8Bytes))
            {
                executionId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(CallIdName.EncodedUtf8Bytes))
            {
                callId = ReadInt32(ref reader);
            }
            else if (reader.ValueTextEquals(ResultName.EncodedUtf8Bytes))
            {
                result = ReadResult(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new ToolResultMessage(
            executionId ?? throw Missing("toolResult", "executionId"),
            callId ?? throw Missing("toolResult", "callId"),
            result!);
    }

    private static ToolBridgeResult? ReadResult(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A tool result must be an object, not {reader.TokenType}.");
        }

        ToolBridgeResultKind? kind = null;
        JsonElement? value = null;
        string? code = null, message = null;
        ScriptStatus? status = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(KindName.EncodedUtf8Bytes))
            {
                reader.Read();
                kind = reader.TokenType != JsonTokenType.String ? throw new JsonException("A tool result's kind must be a string.")
                    : reader.ValueTextEquals(KindValue.EncodedUtf8Bytes) ? ToolBridgeResultKind.Value
                    : reader.ValueTextEquals(KindError.EncodedUtf8Bytes) ? ToolBridgeResultKind.Error
                    : reader.ValueTextEquals(KindAbort.EncodedUtf8Bytes) ? ToolBridgeResultKind.Abort
                    : throw new JsonException($"Unknown tool result kind \"{reader.GetString()}\".");
            }
            else if (reader.ValueTextEquals(ValueName.EncodedUtf8Bytes))
            {
                reader.Read();
                value = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
            }
            else if (reader.ValueTextEquals(CodeName.EncodedUtf8Bytes))
            {
                code = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(MessageName.EncodedUtf8Bytes))
            {
                message = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(StatusName.EncodedUtf8Bytes))
            {
                reader.Read();
                status = JsonSerializer.Deserialize<ScriptStatus?>(ref reader, CodeModeJson.Options);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new ToolBridgeResult
        {
            Kind = kind ?? throw Missing("tool result", "kind"),
            Value = value,
            Code = code,
            Message = message,
            Status = status,
        };
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The message ended inside an object.");
        }

        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new JsonException($"Expected a property name, found {reader.TokenType}."),
        };
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
        };
    }

    private static int ReadInt32(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
            ? value
            : throw new JsonException($"Expected a 32-bit integer, found {reader.TokenType}.");
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void WriteStringOrOmit(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        // The serializer leaves nulls out (WhenWritingNull); so does this.
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static JsonException Missing(string message, string property) => new($"A {message} message has no \"{property}\".");
}
