using System.Text.Json.Nodes;
using CodeMode.Mcp.Clients;
using CodeMode.Server;
using CodeMode.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeMode.Integration.Tests;

/// <summary>
/// The real host, online, with <paramref name="servers"/> as its <c>mcpServers</c> (every runtime may call them) and a
/// short connect timeout so a dead or hanging server is noticed quickly. <paramref name="edit"/> changes the written
/// runtimes.json last; it lives in <see cref="Directory"/> (so does the audit log, <c>.codemode/audit.db</c>).
/// </summary>
internal sealed class LiveAppFactory(JsonObject servers, bool fallbackToMock = true, Action<JsonObject>? edit = null) : WebApplicationFactory<CodeModeServerOptions>
{
    private readonly TempDirectory _directory = new();

    public string Directory => _directory.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var names = new JsonArray(servers.Select(pair => (JsonNode)JsonValue.Create(pair.Key)!).ToArray());
        var config = ConfigFiles.Variant(_directory, root =>
        {
            root["mcpServers"] = servers.DeepClone();
            foreach (var (_, runtime) in root["runtimes"]!.AsObject())
            {
                runtime!["servers"] = names.DeepClone();
                runtime["timeout"] = 30_000;
            }

            root["sandbox"] = new JsonObject { ["poolSize"] = 1 };
            root["security"] = new JsonObject { ["fallbackToMock"] = fallbackToMock };
            edit?.Invoke(root);
        });
        builder.UseSetting("CodeMode:ConfigPath", config);
        builder.UseSetting("CodeMode:Offline", "false");
        builder.ConfigureServices(services => services.AddSingleton(new McpClientManagerOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(200),
            HealthCheckInterval = TimeSpan.Zero,
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _directory.Dispose();
    }
}
