using CodeMode.Abstractions.Naming;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Server names as scripts see them. A name becomes a global in the sandbox, so names that are not identifiers —
/// <c>brave-search</c>, <c>my.server</c>, common in Claude Desktop files — are sanitised: every character other than
/// an ASCII letter, digit or <c>_</c> becomes <c>_</c>, and a leading digit gets a <c>_</c> in front. Two names that
/// become the same identifier are a configuration error (<see cref="CodeModeConfigValidator"/>); after validation the
/// loader renames every server, and every runtime's <c>servers</c> entry, to its identifier.
/// </summary>
public static class McpServerNames
{
    /// <summary><c>brave-search</c> → <c>brave_search</c>; an identifier is returned as it is.</summary>
    public static string ToIdentifier(string name) => Identifiers.Sanitize(name);

    /// <summary>Whether sanitising leaves anything a reader would recognise: at least one ASCII letter or digit.</summary>
    public static bool CanBecomeIdentifier(string name) => name.Any(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// Renames servers and runtimes' <c>servers</c> entries to their identifiers (on a validated configuration); a
    /// server a runtime lists in both spellings is listed once.
    /// </summary>
    internal static CodeModeConfig Apply(CodeModeConfig config)
    {
        if (config.McpServers.Keys.All(ConfigNames.IsIdentifier)
            && config.Runtimes.Values.All(runtime => runtime.Servers?.All(ConfigNames.IsIdentifier) ?? true))
        {
            return config;
        }

        var servers = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (var (name, server) in config.McpServers)
        {
            servers[ToIdentifier(name)] = server;
        }

        var runtimes = new Dictionary<string, RuntimeConfig>(StringComparer.Ordinal);
        foreach (var (name, runtime) in config.Runtimes)
        {
            runtimes[name] = runtime.Servers is null ? runtime : runtime with { Servers = runtime.Servers.Select(ToIdentifier).Distinct(StringComparer.Ordinal).ToArray() };
        }

        return config with { McpServers = servers, Runtimes = runtimes };
    }
}
