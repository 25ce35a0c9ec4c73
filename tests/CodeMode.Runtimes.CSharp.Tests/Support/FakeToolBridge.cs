using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Runtimes.CSharp.Tests.Support;

/// <summary>Records calls and answers with a callback: echo of the arguments by default.</summary>
public sealed class FakeToolBridge(Func<string, string, string, ToolBridgeResult>? answer = null) : IToolBridge
{
    public List<(string Server, string Tool, string Arguments)> Calls { get; } = [];

    public ToolBridgeResult Call(string server, string tool, string argumentsJson)
    {
        Calls.Add((server, tool, argumentsJson));
        return answer?.Invoke(server, tool, argumentsJson)
            ?? ToolBridgeResult.FromValue(JsonDocument.Parse($$"""{"tool":"{{tool}}","args":{{argumentsJson}}}""").RootElement.Clone());
    }

    public static FakeToolBridge Failing(string message) => new((_, _, _) => ToolBridgeResult.FromError(ErrorCodes.ToolFailed, message));
}
