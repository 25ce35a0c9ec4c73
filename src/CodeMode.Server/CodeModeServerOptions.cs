using Microsoft.Extensions.Configuration;

namespace CodeMode.Server;

/// <summary>How <c>codemode serve</c> was asked to run. Read from configuration keys <c>CodeMode:*</c> when not given.</summary>
public sealed record CodeModeServerOptions
{
    /// <summary>runtimes.json to load; null means <see cref="Composition.ConfigLocator"/> finds it.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>A Claude Desktop / Claude Code server file whose servers join runtimes.json's (<c>--mcp-config</c>); null for none.</summary>
    public string? McpConfigPath { get; init; }

    /// <summary>Answer every proxy call from the in-process mocks.</summary>
    public bool Offline { get; init; }

    /// <summary>Overrides <c>server.urls</c> of runtimes.json.</summary>
    public string? Urls { get; init; }

    public static CodeModeServerOptions FromConfiguration(IConfiguration configuration) => new()
    {
        ConfigPath = configuration["CodeMode:ConfigPath"],
        McpConfigPath = configuration["CodeMode:McpConfigPath"],
        Offline = bool.TryParse(configuration["CodeMode:Offline"], out var offline) && offline,
        Urls = configuration["CodeMode:Urls"],
    };
}
