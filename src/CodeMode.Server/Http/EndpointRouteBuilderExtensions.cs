using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CodeMode.Server.Http;

/// <summary>Maps CodeMode's HTTP API.</summary>
public static class EndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapCodeModeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/execute", ExecuteEndpoint.HandleAsync);
        endpoints.MapGet("/health", HealthEndpoint.Handle);
        endpoints.MapGet("/v1/apis", ApisEndpoints.ListAsync);
        endpoints.MapGet("/v1/apis/search", ApisEndpoints.SearchAsync);
        endpoints.MapGet("/v1/apis/{server}/{tool}", ApisEndpoints.DescribeAsync);
        endpoints.MapGet("/v1/servers", ServersEndpoint.HandleAsync);
        endpoints.MapGet("/v1/audit", AuditEndpoints.QueryAsync);
        endpoints.MapGet("/v1/audit/stats", AuditEndpoints.StatsAsync);
        endpoints.MapCodeModeMcp();
        return endpoints;
    }
}
