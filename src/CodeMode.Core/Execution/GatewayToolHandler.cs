using System.Runtime.InteropServices;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Sandbox;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Execution;

/// <summary>Turns one execution's proxy calls into gateway calls, and the gateway's outcomes into what the sandbox sees.</summary>
internal sealed class GatewayToolHandler(IToolGateway gateway, ToolCallContext context) : ISandboxToolHandler
{
    public async ValueTask<ToolBridgeResult> HandleAsync(ToolCallMessage call, CancellationToken cancellationToken)
    {
        // The raw UTF-8 of the argument JSON is what crossed the channel: count it without copying.
        var argumentBytes = JsonMarshal.GetRawUtf8Value(call.Arguments).Length;
        var request = new ToolCallRequest(call.Server, call.Tool, call.Arguments, argumentBytes, context);
        var outcome = await gateway.CallAsync(request, cancellationToken).ConfigureAwait(false);
        return ToolOutcomeMapper.ToBridgeResult(outcome);
    }
}
