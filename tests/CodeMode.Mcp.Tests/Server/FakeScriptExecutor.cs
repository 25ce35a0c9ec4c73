using CodeMode.Abstractions.Execution;

namespace CodeMode.Mcp.Tests.Server;

/// <summary>An executor that answers every request with <see cref="Result"/> (or throws <see cref="Rejection"/>).</summary>
internal sealed class FakeScriptExecutor : IScriptExecutor
{
    public ScriptResult Result { get; set; } = new() { Status = ScriptStatus.Succeeded };

    public ExecutionRequestException? Rejection { get; set; }

    public ExecutionRequest? LastRequest { get; private set; }

    public Task<ScriptResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        LastRequest = request;
        return Rejection is null ? Task.FromResult(Result) : throw Rejection;
    }
}
