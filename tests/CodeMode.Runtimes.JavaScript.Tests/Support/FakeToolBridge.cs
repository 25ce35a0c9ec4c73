using System.Text.Json;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Runtimes.JavaScript.Tests.Support;

/// <summary>A hand-written bridge: records every call and answers with <c>{"ok":true}</c> unless a handler says otherwise.</summary>
public sealed class FakeToolBridge(Func<ToolCall, ToolBridgeResult>? handler = null) : IToolBridge
{
    private readonly List<ToolCall> _calls = [];

    public IReadOnlyList<ToolCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public ToolBridgeResult Call(string server, string tool, string argumentsJson)
    {
        var call = new ToolCall(server, tool, argumentsJson);
        lock (_calls)
        {
            _calls.Add(call);
        }

        return handler?.Invoke(call) ?? ToolBridgeResult.FromValue(Json("""{"ok":true}"""));
    }
}
