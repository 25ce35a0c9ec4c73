using CodeMode.Core.Execution;
using Microsoft.AspNetCore.Http;

namespace CodeMode.Server.Http;

/// <summary><c>GET /health</c>: healthy while every available runtime has a live worker; 503 otherwise.</summary>
internal static class HealthEndpoint
{
    public static IResult Handle(RuntimeManager runtimes)
    {
        var pools = runtimes.GetPoolStatus();
        var healthy = pools.Count > 0 && pools.Values.All(pool => pool.Ready + pool.Busy > 0);
        return Results.Json(
            new { status = healthy ? "healthy" : "unhealthy", runtimes = pools },
            CodeMode.Abstractions.CodeModeJson.Options,
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
