using System.Text.Json.Nodes;
using CodeMode.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Client;

namespace CodeMode.Server.Tests.Mcp;

/// <summary>
/// The host in memory with <c>/mcp</c> settings small enough to reach: sessions idle out after 60 s of a
/// <see cref="ManualClock"/>, <see cref="MaxSessions"/> sessions at most, and one extra allowed origin.
/// </summary>
public class McpHttpAppFactory : CodeModeAppFactory
{
    public const int IdleSeconds = 60;
    public const string AllowedOrigin = "https://app.example.com";

    private readonly TempDirectory _directory = new();
    private readonly Lazy<string> _config;

    public McpHttpAppFactory()
    {
        _config = new Lazy<string>(() => ConfigFiles.Variant(_directory, root =>
        {
            var server = root["server"]!.AsObject();
            server["mcpSessionIdleSeconds"] = IdleSeconds;
            server["mcpMaxSessions"] = MaxSessions;
            server["mcpAllowedOrigins"] = new JsonArray(AllowedOrigin);
            root["sandbox"] = new JsonObject { ["poolSize"] = 1 };
        }));
    }

    public ManualClock Clock { get; } = new();

    protected virtual int MaxSessions => 100;

    protected override string ConfigPath => _config.Value;

    /// <summary>
    /// The SDK client over Streamable HTTP against <c>/mcp</c>, with the initialize handshake (sessions) of
    /// <paramref name="protocolVersion"/>; null lets the client try the session-less 2026-07-28 revision first.
    /// </summary>
    public Task<McpClient> ConnectAsync(string? protocolVersion = "2025-11-25")
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(Server.BaseAddress, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            CreateClient(),
            ownsHttpClient: true);
        return McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _directory.Dispose();
    }
}
