using CodeMode.Core.Configuration;
using CodeMode.Mcp.Clients;
using CodeMode.Server.Composition;
using CodeMode.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeMode.Server;

/// <summary>Builds the HTTP host: configuration, the CodeMode services, the endpoints. All composition, no logic.</summary>
public static class CodeModeServer
{
    /// <exception cref="ConfigurationException">runtimes.json (or the --mcp-config file) is missing or invalid.</exception>
    public static WebApplication CreateApp(string[] args, CodeModeServerOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        options ??= CodeModeServerOptions.FromConfiguration(builder.Configuration);
        var config = RuntimesJsonLoader.LoadFile(
            ConfigLocator.Resolve(options.ConfigPath),
            mcpConfigPath: string.IsNullOrWhiteSpace(options.McpConfigPath) ? null : Path.GetFullPath(options.McpConfigPath));

        builder.WebHost.UseUrls(options.Urls ?? config.Server.Urls);
        // Leave room for JSON escaping of the largest accepted snippet; the executor enforces maxCodeBytes exactly.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = (config.Server.MaxCodeBytes * 6L) + 64 * 1024);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("CodeMode", LogLevel.Information);
        builder.Services.AddCodeMode(config, new CodeModeHostOptions { Offline = options.Offline });

        var app = builder.Build();
        // Connections are lazy, but their credentials are not: resolving the manager now makes a required server's
        // missing ${VAR} stop start-up (ConfigurationException) before the host listens.
        _ = app.Services.GetRequiredService<McpClientManager>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ProblemResponses.WriteUnhandledAsync });
        app.MapCodeModeEndpoints();
        return app;
    }
}
