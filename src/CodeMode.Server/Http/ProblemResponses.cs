using System.Text.Json;
using CodeMode.Abstractions;
using CodeMode.Abstractions.Execution;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeMode.Server.Http;

/// <summary>
/// RFC 9457 problem documents with CodeMode's extensions: <c>code</c> (CM####) and <c>field</c> (what to fix).
/// </summary>
internal static class ProblemResponses
{
    public static Task WriteAsync(HttpContext http, int status, string code, string title, string detail, string? field = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json; charset=utf-8";
        var problem = new Problem($"https://codemode.dev/errors/{code}", title, status, detail, code, field);
        return JsonSerializer.SerializeAsync(http.Response.Body, problem, CodeModeJson.Options, http.RequestAborted);
    }

    public static Task BadRequestAsync(HttpContext http, string code, string field, string detail) =>
        WriteAsync(http, StatusCodes.Status400BadRequest, code, "The request is invalid.", detail, field);

    /// <summary>The last resort: a host bug. The detail stays in the log; the caller gets a code to quote.</summary>
    public static Task WriteUnhandledAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CodeMode.Server");
        logger.LogError(error, "Unhandled error answering {Method} {Path} (trace {TraceId})", http.Request.Method, http.Request.Path, http.TraceIdentifier);
        return WriteAsync(
            http,
            StatusCodes.Status500InternalServerError,
            ErrorCodes.InternalError,
            "CodeMode failed to answer.",
            $"An internal error occurred; the host logged it under trace id {http.TraceIdentifier}.");
    }

    private sealed record Problem(string Type, string Title, int Status, string Detail, string Code, string? Field);
}
