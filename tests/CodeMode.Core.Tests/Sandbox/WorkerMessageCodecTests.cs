using System.Text;
using System.Text.Json;
using CodeMode.Abstractions;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using Xunit;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>
/// The hand-written path for the proxy-call messages must produce and accept exactly what the general serializer
/// does, and reject what is not a message: the host reads these frames from an untrusted worker.
/// </summary>
public sealed class WorkerMessageCodecTests
{
    public static TheoryData<string, WorkerMessage> Messages()
    {
        using var arguments = JsonDocument.Parse("""{"query":"snow ☃ \"quoted\" \u0000","limit":3,"nested":{"list":[1,2.5,null,true]}}""");
        using var value = JsonDocument.Parse("""{"content":[{"type":"text","text":"ok"}],"n":-1e-7}""");
        return new TheoryData<string, WorkerMessage>
        {
            { "call", new ToolCallMessage("exec-1", 7, "automem", "recall_memory", arguments.RootElement.Clone()) },
            { "call with empty arguments", new ToolCallMessage("exec-1", 1, "helpscout", "getServerTime", JsonDocument.Parse("{}").RootElement) },
            { "value", new ToolResultMessage("exec-2", 3, ToolBridgeResult.FromValue(value.RootElement.Clone())) },
            { "null value", new ToolResultMessage("exec-2", 4, new ToolBridgeResult { Kind = ToolBridgeResultKind.Value }) },
            { "error", new ToolResultMessage("exec-2", 5, ToolBridgeResult.FromError(ErrorCodes.ToolFailed, "boom: \"x\" ✗")) },
            { "abort", new ToolResultMessage("exec-2", 6, ToolBridgeResult.FromAbort(ScriptStatus.RateLimited, ErrorCodes.ToolCallLimit, "slow down")) },
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Writes_the_same_bytes_as_the_serializer(string name, WorkerMessage message)
    {
        Assert.True(Write(message) == Serialize(message), name);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Reads_back_what_it_wrote_and_what_the_serializer_wrote(string name, WorkerMessage message)
    {
        var expected = Serialize(message);
        Assert.True(Serialize(Read(Write(message))) == expected, name);
        Assert.True(Serialize(Read(expected)) == expected, name);
    }

    [Fact]
    public void Reads_properties_in_any_order_and_skips_unknown_ones()
    {
        var message = Read("""{"type":"toolCall","arguments":{"a":1},"extra":[1,{"b":2}],"tool":"t","callId":2,"server":"s","executionId":"e"}""");

        var call = Assert.IsType<ToolCallMessage>(message);
        Assert.Equal(("e", 2, "s", "t"), (call.ExecutionId, call.CallId, call.Server, call.Tool));
        Assert.Equal(1, call.Arguments.GetProperty("a").GetInt32());
    }

    [Fact]
    public void Leaves_out_arguments_that_are_not_there()
    {
        // The serializer cannot write an undefined element at all; the codec leaves the property out.
        var json = Write(new ToolCallMessage("e", 1, "s", "t", default));

        Assert.Equal("""{"type":"toolCall","executionId":"e","callId":1,"server":"s","tool":"t"}""", json);
        Assert.Equal(JsonValueKind.Undefined, Assert.IsType<ToolCallMessage>(Read(json)).Arguments.ValueKind);
    }

    [Fact]
    public void Leaves_other_messages_to_the_serializer()
    {
        var cancel = new CancelMessage("exec-3", TimedOut: true);

        Assert.Equal(Serialize(cancel), Write(cancel));
        Assert.Equal(cancel, Read(Write(cancel)));
    }

    [Theory]
    [InlineData("""{"type":"toolCall","callId":1,"server":"s","tool":"t"}""")]
    [InlineData("""{"type":"toolCall","executionId":"e","callId":"1","server":"s","tool":"t"}""")]
    [InlineData("""{"type":"toolCall","executionId":"e","callId":4294967296,"server":"s","tool":"t"}""")]
    [InlineData("""{"type":"toolCall","executionId":"e","callId":1,"server":5,"tool":"t"}""")]
    [InlineData("""{"type":"toolCall","executionId":"e","callId":1,"arguments":{"a":}""")]
    [InlineData("""{"type":"toolCall","executionId":"e","callId":1}{"type":"cancel"}""")]
    [InlineData("""{"type":"toolResult","executionId":"e","callId":1,"result":{"kind":"sideways"}}""")]
    [InlineData("""{"type":"toolResult","executionId":"e","callId":1,"result":{"value":1}}""")]
    [InlineData("""{"type":"toolResult","executionId":"e","callId":1,"result":[]}""")]
    [InlineData("""{"type":"toolResult","executionId":"e","callId":1,"result":{"kind":"abort","status":"notAStatus"}}""")]
    public void Rejects_what_is_not_a_message(string json)
    {
        Assert.ThrowsAny<JsonException>(() => WorkerMessageCodec.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Rejects_nesting_deeper_than_the_protocol_allows()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));
        Assert.ThrowsAny<JsonException>(() => WorkerMessageCodec.Read(
            Encoding.UTF8.GetBytes($$"""{"type":"toolCall","executionId":"e","callId":1,"server":"s","tool":"t","arguments":{{deep}}}""")));
    }

    private static string Write(WorkerMessage message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            WorkerMessageCodec.Write(json, message);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Serialize(WorkerMessage message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            JsonSerializer.Serialize(json, message, CodeModeJson.Options);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static WorkerMessage Read(string json) => WorkerMessageCodec.Read(Encoding.UTF8.GetBytes(json))!;
}
