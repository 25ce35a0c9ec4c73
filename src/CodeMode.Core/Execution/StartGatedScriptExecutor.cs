using CodeMode.Abstractions.Execution;

namespace CodeMode.Core.Execution;

/// <summary>
/// Lets a front end answer while the sandbox pools are still starting: each execution waits for
/// <paramref name="started"/> first. An MCP client probes the protocol within seconds of launching
/// <c>codemode mcp</c>, and a csharp pool can take longer than that to warm up; the session must not wait for it.
/// </summary>
public sealed class StartGatedScriptExecutor(IScriptExecutor inner, Task started) : IScriptExecutor
{
    public async Task<ScriptResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        await started.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
