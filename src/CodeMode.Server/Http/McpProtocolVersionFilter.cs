using Microsoft.AspNetCore.Http;

namespace CodeMode.Server.Http;

/// <summary>
/// The Streamable HTTP transport's version rule: a request whose <c>MCP-Protocol-Version</c> header names a revision
/// this server does not speak is refused with 400, rather than answered under rules the client does not expect. A
/// request without the header is served (the transport then assumes an older revision).
/// </summary>
internal sealed class McpProtocolVersionFilter : IEndpointFilter
{
    public const string Header = "MCP-Protocol-Version";

    // The revisions the ModelContextProtocol 2.3.1 server speaks (its own list is internal).
    private static readonly string[] Supported = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var version = context.HttpContext.Request.Headers[Header].ToString();
        if (version.Length > 0 && !Supported.Contains(version, StringComparer.Ordinal))
        {
            return McpJsonRpcErrors.Result(
                StatusCodes.Status400BadRequest,
                $"Bad Request: {Header} '{version}' is not supported. Supported: {string.Join(", ", Supported)}.");
        }

        return await next(context);
    }
}
