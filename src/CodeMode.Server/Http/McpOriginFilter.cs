using Microsoft.AspNetCore.Http;

namespace CodeMode.Server.Http;

/// <summary>
/// Guards <c>/mcp</c> against DNS rebinding: a web page the user visits must not drive the local MCP server. An
/// <c>Origin</c> header, when present, must be a loopback origin or one of <c>server.mcpAllowedOrigins</c>; when
/// the host listens on loopback only, the <c>Host</c> header must name a loopback host too. Otherwise 403.
/// Clients that are not browsers send no Origin and pass.
/// </summary>
internal sealed class McpOriginFilter(McpHttpOptions options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (options.LoopbackOnly && !McpHttpOptions.IsLoopbackHost(request.Host.Host))
        {
            return McpJsonRpcErrors.Result(
                StatusCodes.Status403Forbidden,
                $"Forbidden: Host '{request.Host}' is not a loopback name, and this server listens on loopback only. Connect to 127.0.0.1, [::1] or localhost.");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsAllowedOrigin(origin))
        {
            return McpJsonRpcErrors.Result(
                StatusCodes.Status403Forbidden,
                $"Forbidden: Origin '{origin}' is not allowed. Add it to server.mcpAllowedOrigins in runtimes.json to let that web page call /mcp.");
        }

        return await next(context);
    }

    private bool IsAllowedOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (McpHttpOptions.IsLoopbackHost(uri.Host) || options.AllowedOrigins.Contains(origin.ToLowerInvariant()));
}
