using System.Globalization;
using System.Text.Json;
using CodeMode.Abstractions;
using CodeMode.Abstractions.Execution;
using Microsoft.AspNetCore.Http;

namespace CodeMode.Server.Http;

/// <summary>
/// <c>POST /v1/execute</c>: 200 with a ScriptResult for anything the script caused; 400 with a problem document for a
/// bad request; 429 with Retry-After when refused before running.
/// </summary>
internal static class ExecuteEndpoint
{
    public static async Task HandleAsync(HttpContext http, IScriptExecutor executor)
    {
        ScriptResult result;
        try
        {
            var request = AuthExecutionScope.Apply(http, await ExecuteRequestReader.ReadAsync(http.Request, http.RequestAborted));
            result = await executor.ExecuteAsync(request, http.RequestAborted);
        }
        catch (ExecutionRequestException ex)
        {
            await ProblemResponses.BadRequestAsync(http, ex.Code, ex.Field, ex.Message);
            return;
        }
        catch (AuthForbiddenException ex)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status403Forbidden, ex.Code, "This API key may not do that.", ex.Message, "runtime");
            return;
        }
        catch (ExecutionRejectedException ex)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await ProblemResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, ex.Code, "CodeMode is busy.", ex.Message);
            return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, result, CodeModeJson.Options, http.RequestAborted);
    }
}
