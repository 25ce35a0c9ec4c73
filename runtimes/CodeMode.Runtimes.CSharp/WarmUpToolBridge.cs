using System.Text.Json;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Runtimes.CSharp;

/// <summary>Answers every proxy call of the warm-up script with a small constant object, without leaving the process.</summary>
internal sealed class WarmUpToolBridge : IToolBridge
{
    private static readonly JsonElement Answer = JsonDocument.Parse("""{"ok":true,"items":[{"id":1,"text":"warm"}]}""").RootElement.Clone();

    public ToolBridgeResult Call(string server, string tool, string argumentsJson) => ToolBridgeResult.FromValue(Answer);
}
