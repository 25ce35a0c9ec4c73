using System.Collections.Concurrent;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Core.Sandbox;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>Answers proxy calls with a callback and records them.</summary>
internal sealed class FakeToolHandler(Func<ToolCallMessage, CancellationToken, ValueTask<ToolBridgeResult>> handle) : ISandboxToolHandler
{
    public FakeToolHandler()
        : this((call, _) => ValueTask.FromResult(ToolBridgeResult.FromValue(call.Arguments.Clone())))
    {
    }

    public ConcurrentQueue<ToolCallMessage> Calls { get; } = new();

    public ValueTask<ToolBridgeResult> HandleAsync(ToolCallMessage call, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        return handle(call, cancellationToken);
    }
}
