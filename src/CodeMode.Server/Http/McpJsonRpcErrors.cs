using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CodeMode.Server.Http;

/// <summary>
/// Refusals of <c>/mcp</c> as JSON-RPC error bodies with the HTTP status the Streamable HTTP spec asks for, so MCP
/// clients can show the message. The messages name the fix and carry no secrets.
/// </summary>
internal static class McpJsonRpcErrors
{
    /// <summary>Not part of JSON-RPC or MCP; what the TypeScript and C# SDKs answer for an unknown session.</summary>
    public const int SessionNotFoundCode = -32001;

    /// <summary>The JSON-RPC "server error" range, for refusals that are not about the message itself.</summary>
    public const int ServerErrorCode = -32000;

    public static Task WriteAsync(HttpContext http, int status, int code, string message, RequestId id = default)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var error = new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message } };
        return JsonSerializer.SerializeAsync(http.Response.Body, error, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError)), http.RequestAborted);
    }

    public static IResult Result(int status, string message) => Results.Json(
        new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = ServerErrorCode, Message = message } },
        McpJsonUtilities.DefaultOptions,
        statusCode: status);
}
