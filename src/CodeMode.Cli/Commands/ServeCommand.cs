using System.CommandLine;
using CodeMode.Core.Configuration;
using CodeMode.Server;
using Microsoft.AspNetCore.Builder;

namespace CodeMode.Cli.Commands;

/// <summary><c>codemode serve [--urls URL] [--offline] [--config PATH] [--mcp-config PATH]</c>: the HTTP API, until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stderr)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default: server.urls of runtimes.json, http://127.0.0.1:5199)." };
        var offline = new Option<bool>("--offline") { Description = "Answer every proxy call from the in-process mocks." };
        var config = ConfigOption.Create();
        var mcpConfig = ConfigOption.CreateMcpConfig();
        var command = new Command("serve", "Serve the HTTP API (POST /v1/execute, GET /v1/apis, GET /health).") { urls, offline, config, mcpConfig };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            try
            {
                var app = CodeModeServer.CreateApp([], new CodeModeServerOptions
                {
                    Urls = parsed.GetValue(urls),
                    Offline = parsed.GetValue(offline),
                    ConfigPath = parsed.GetValue(config),
                    McpConfigPath = parsed.GetValue(mcpConfig),
                });
                await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.RunAsync(app, cancellationToken);
                return ExitCodes.Succeeded;
            }
            catch (ConfigurationException ex)
            {
                await stderr.WriteLineAsync(ex.Message);
                return ExitCodes.UsageError;
            }
            catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                await stderr.WriteLineAsync($"codemode: cannot listen: {ex.Message}");
                return ExitCodes.UsageError;
            }
        });
        return command;
    }
}
