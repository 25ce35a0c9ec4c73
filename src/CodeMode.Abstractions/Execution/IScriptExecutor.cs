namespace CodeMode.Abstractions.Execution;

/// <summary>
/// Runs one request to completion. Anything the script causes is a <see cref="ScriptResult"/>; a request that
/// cannot run at all (unknown runtime, empty code...) throws <see cref="ExecutionRequestException"/>.
/// </summary>
public interface IScriptExecutor
{
    Task<ScriptResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default);
}
