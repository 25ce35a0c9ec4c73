using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Audit;

namespace CodeMode.Server.Http;

/// <summary>
/// The <c>execute</c> tool of an <c>/mcp</c> session opened with an API key: every execution carries that client's
/// id and server scope, and a runtime outside the key's scope is refused (audited as a denial) — the same rules
/// <see cref="AuthExecutionScope"/> applies to <c>/v1/execute</c>. The MCP server runs a session's requests outside
/// any HTTP request, so the client is bound to the session when it starts.
/// </summary>
internal sealed class McpClientScopedExecutor(
    IScriptExecutor inner, AuthApiClient client, IAuditSink audit, SecurityMetrics metrics, TimeProvider time) : IScriptExecutor
{
    public Task<ScriptResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!client.MayRun(request.Runtime))
        {
            metrics.Denied(ErrorCodes.RuntimeNotPermitted, "mcp");
            audit.Record(new AuditRecord
            {
                Timestamp = time.GetUtcNow(),
                Kind = AuditKind.Denial,
                Outcome = "forbidden",
                ClientId = client.Id,
                Runtime = request.Runtime,
                Code = ErrorCodes.RuntimeNotPermitted,
                Detail = "MCP execute",
            });
            var allowed = client.Runtimes!.Count == 0 ? "none" : string.Join(", ", client.Runtimes.Order(StringComparer.Ordinal));
            throw new ExecutionRequestException(
                ErrorCodes.RuntimeNotPermitted, "runtime", $"API client '{client.Id}' may not run the '{request.Runtime}' runtime. Its runtimes: {allowed}.");
        }

        return inner.ExecuteAsync(request with { ClientId = client.Id, ServerScope = client.Servers, ToolScope = client.Tools }, cancellationToken);
    }
}
