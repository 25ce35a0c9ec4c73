using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// Answers the proxy calls a script makes while it runs in a sandbox worker (in practice: the tool broker).
/// A failed tool is a <see cref="ToolBridgeResult"/>, not an exception; an exception is treated as a host fault
/// and ends the script with <c>internalError</c>.
/// </summary>
public interface ISandboxToolHandler
{
    /// <param name="cancellationToken">Cancelled when the execution ends, is cancelled or passes its timeout.</param>
    ValueTask<ToolBridgeResult> HandleAsync(ToolCallMessage call, CancellationToken cancellationToken);
}
