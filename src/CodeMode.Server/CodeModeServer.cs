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

        var urls = options.Urls ?? config.Server.Urls;
        ListenAddressPolicy.Check(urls, config.Security, options.Urls is null ? ConfigLocator.Resolve(options.ConfigPath) : "--urls");
        builder.WebHost.UseUrls(urls);
        // Leave room for JSON escaping of the largest accepted snippet; the executor enforces maxCodeBytes exactly.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = (config.Server.MaxCodeBytes * 6L) + 64 * 1024);
        // Request handling continues on the thread that completed the socket read, and responses are sent from the
        // thread that writes them, instead of hopping through Kestrel's I/O queues: every endpoint here is fully
        // asynchronous, so nothing blocks those threads, and each hop saved is latency off every request.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("CodeMode", LogLevel.Information);
        builder.Services.AddCodeMode(config, new CodeModeHostOptions { Offline = options.Offline });
        builder.Services.AddCodeModeMcpHttp(config.Server, urls);

        var app = builder.Build();
        // Connections are lazy, but their credentials are not: resolving the manager now makes a required server's
        // missing ${VAR} stop start-up (ConfigurationException) before the host listens.
        _ = app.Services.GetRequiredService<McpClientManager>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ProblemResponses.WriteUnhandledAsync });
        app.UseMiddleware<AuthMiddleware>();
        WarnWhenSecurityIsOff(app, config.Security);
        app.MapCodeModeEndpoints();
        return app;
    }

    private static void WarnWhenSecurityIsOff(WebApplication app, SecuritySettings security)
    {
        if (!security.Enabled)
        {
            app.Logger.LogWarning(
                "Security is OFF (security.enabled false or {Variable}=false): API keys, their scopes and rate limits are not checked. "
                + "Sandbox limits, server allow-lists, payload and server rate limits and the audit log stay on; the host listens on loopback only.",
                SecuritySettingsOverrides.SecurityEnabledVariable);
        }
    }
}
