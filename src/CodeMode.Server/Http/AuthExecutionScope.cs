using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CodeMode.Server.Http;

/// <summary>
/// Applies the authenticated API client to an execution: records its id as the request's client, narrows the
/// servers to the key's <c>servers</c> scope, and refuses a runtime outside the key's <c>runtimes</c> scope
/// (<see cref="AuthForbiddenException"/>, HTTP 403, audited as a denial). Any endpoint that executes code — <c>/v1/execute</c>,
/// the <c>execute</c> tool of <c>/mcp</c> — calls <see cref="Apply"/> before running the request.
/// </summary>
public static class AuthExecutionScope
{
    public static ExecutionRequest Apply(HttpContext http, ExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        if (http.Features.Get<AuthApiClientFeature>()?.Client is not { } client)
        {
            return request;
        }

        if (!client.MayRun(request.Runtime))
        {
            http.RequestServices.GetRequiredService<SecurityMetrics>().Denied(ErrorCodes.RuntimeNotPermitted, "request");
            http.RequestServices.GetRequiredService<IAuditSink>().Record(new AuditRecord
            {
                Timestamp = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
                Kind = AuditKind.Denial,
                Outcome = "forbidden",
                ClientId = client.Id,
                Runtime = request.Runtime,
                Code = ErrorCodes.RuntimeNotPermitted,
                Detail = $"{http.Request.Method} {http.Request.Path}",
            });
            var allowed = client.Runtimes!.Count == 0 ? "none" : string.Join(", ", client.Runtimes.Order(StringComparer.Ordinal));
            throw new AuthForbiddenException(ErrorCodes.RuntimeNotPermitted,
                $"API client '{client.Id}' may not run the '{request.Runtime}' runtime. Its runtimes: {allowed}.");
        }

        return request with { ClientId = client.Id, ServerScope = client.Servers, ToolScope = client.Tools };
    }
}
