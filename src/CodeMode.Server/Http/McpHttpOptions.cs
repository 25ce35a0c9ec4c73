using System.Net;
using CodeMode.Core.Configuration;

namespace CodeMode.Server.Http;

/// <summary>How <c>/mcp</c> keeps sessions and whom it answers; read from the <c>server</c> section and the listen URLs.</summary>
internal sealed record McpHttpOptions
{
    /// <summary>A session unused this long is ended (<c>server.mcpSessionIdleSeconds</c>).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Most sessions held at once (<c>server.mcpMaxSessions</c>).</summary>
    public int MaxSessions { get; init; } = 100;

    /// <summary>Non-loopback origins allowed (<c>server.mcpAllowedOrigins</c>), as <c>scheme://host[:port]</c>.</summary>
    public IReadOnlySet<string> AllowedOrigins { get; init; } = new HashSet<string>();

    /// <summary>
    /// The host listens on loopback addresses only, so a Host header naming anything else can only come from a
    /// browser led there by DNS rebinding.
    /// </summary>
    public bool LoopbackOnly { get; init; } = true;

    public static McpHttpOptions From(HostSettings settings, string urls) => new()
    {
        IdleTimeout = TimeSpan.FromSeconds(settings.McpSessionIdleSeconds),
        MaxSessions = settings.McpMaxSessions,
        AllowedOrigins = settings.McpAllowedOrigins.Select(origin => origin.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
        LoopbackOnly = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopbackUrl),
    };

    /// <summary><c>localhost</c>, 127.0.0.0/8 or ::1. Wildcards (<c>*</c>, <c>+</c>, 0.0.0.0) are not.</summary>
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool IsLoopbackUrl(string url)
    {
        var parsable = url.Replace("://*", "://any-interface", StringComparison.Ordinal).Replace("://+", "://any-interface", StringComparison.Ordinal);
        return Uri.TryCreate(parsable, UriKind.Absolute, out var uri) && IsLoopbackHost(uri.Host);
    }
}
