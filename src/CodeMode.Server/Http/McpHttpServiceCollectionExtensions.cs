using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Audit;
using CodeMode.Core.Configuration;
using CodeMode.Core.Execution;
using CodeMode.Mcp.Apis;
using CodeMode.Mcp.Server;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace CodeMode.Server.Http;

/// <summary>What <c>/mcp</c> needs: the MCP server options (tools, resources, prompt), the session store and its expiry.</summary>
internal static class McpHttpServiceCollectionExtensions
{
    public static IServiceCollection AddCodeModeMcpHttp(this IServiceCollection services, HostSettings settings, string urls)
    {
        services.AddSingleton(McpHttpOptions.From(settings, urls));
        services.AddSingleton(provider => new McpServerOptionsSource(
            provider.GetRequiredService<IScriptExecutor>(),
            provider.GetRequiredService<ApiDeclarationGenerator>(),
            provider.GetRequiredService<ToolSearch>(),
            provider.GetRequiredService<RuntimeManager>(),
            provider.GetRequiredService<IAuditSink>(),
            provider.GetRequiredService<SecurityMetrics>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<McpSessionStore>();
        services.AddSingleton<McpOriginFilter>();
        services.AddSingleton<McpProtocolVersionFilter>();
        services.AddHostedService<McpSessionExpiryService>();
        return services;
    }
}
