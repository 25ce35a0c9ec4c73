using System.Collections.Concurrent;
using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Audit;
using CodeMode.Core.Execution;
using CodeMode.Mcp.Apis;
using CodeMode.Mcp.Server;
using ModelContextProtocol.Server;

namespace CodeMode.Server.Http;

/// <summary>
/// The MCP server options of an <c>/mcp</c> session: one set for callers without an API key, and one per API client,
/// whose <c>execute</c> runs under that client's scopes (<see cref="McpClientScopedExecutor"/>).
/// </summary>
internal sealed class McpServerOptionsSource(
    IScriptExecutor executor,
    ApiDeclarationGenerator apis,
    ToolSearch search,
    RuntimeManager runtimes,
    IAuditSink audit,
    SecurityMetrics metrics,
    TimeProvider time)
{
    private static readonly string Version = typeof(McpServerOptionsSource).Assembly.GetName().Version?.ToString() ?? "1.0.0";

    private readonly ConcurrentDictionary<string, McpServerOptions> _byClient = new(StringComparer.Ordinal);
    private McpServerOptions? _anonymous;

    public McpServerOptions For(AuthApiClient? client)
    {
        if (client is null)
        {
            return _anonymous ??= Create(executor);
        }

        return _byClient.GetOrAdd(client.Id, _ => Create(new McpClientScopedExecutor(executor, client, audit, metrics, time)));
    }

    private McpServerOptions Create(IScriptExecutor sessionExecutor) =>
        CodeModeMcpServer.CreateOptions(sessionExecutor, apis, search, [.. runtimes.AvailableRuntimes], Version);
}
