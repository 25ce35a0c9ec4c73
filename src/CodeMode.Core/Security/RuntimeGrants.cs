using CodeMode.Abstractions.Security;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Security;

/// <summary>
/// One runtime's grants, compiled once from runtimes.json: its tool allow-list, whether destructive tools are allowed,
/// and the capabilities it may use. A capability is null unless its module is listed and the permission grants something.
/// </summary>
public sealed record RuntimeGrants(
    string Runtime,
    IReadOnlyDictionary<string, IReadOnlySet<string>>? ToolsByServer,
    bool AllowDestructive,
    FileSystemGrant? FileSystem,
    NetworkGrant? Network)
{
    /// <summary>A runtime nobody configured: every tool (as far as the server list allows), no capability.</summary>
    public static RuntimeGrants Unrestricted(string runtime) => new(runtime, null, AllowDestructive: true, FileSystem: null, Network: null);

    /// <summary>The grants of every runtime in <paramref name="config"/>, by runtime name.</summary>
    public static IReadOnlyDictionary<string, RuntimeGrants> From(CodeModeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Runtimes.ToDictionary(
            pair => pair.Key,
            pair => From(pair.Key, pair.Value, config.BaseDirectory, config.Security.MaxPayloadBytes),
            StringComparer.Ordinal);
    }

    /// <summary>Compiles one validated runtime; directories are resolved against <paramref name="baseDirectory"/>.</summary>
    public static RuntimeGrants From(string name, RuntimeConfig runtime, string baseDirectory, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var modules = runtime.AllowedModules;
        var fileSystem = runtime.Permissions.FileSystem;
        var network = runtime.Permissions.Network;

        FileSystemGrant? fs = null;
        if (modules.Contains(CapabilityNames.FileSystem, StringComparer.Ordinal) && (fileSystem.Read.Count > 0 || fileSystem.Write.Count > 0))
        {
            fs = new FileSystemGrant(
                baseDirectory,
                fileSystem.Read.Select(dir => GrantedDirectory.RealPath(GrantedDirectory.Resolve(baseDirectory, dir))).ToArray(),
                fileSystem.Write.Select(dir => GrantedDirectory.RealPath(GrantedDirectory.Resolve(baseDirectory, dir))).ToArray(),
                maxBytes);
        }

        NetworkGrant? fetch = null;
        if (modules.Contains(CapabilityNames.Fetch, StringComparer.Ordinal) && network.AllowedHosts.Count > 0 && network.AllowedPorts.Count > 0)
        {
            fetch = new NetworkGrant(
                network.AllowedHosts.Select(host => host.Trim('[', ']').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
                network.AllowedPorts.ToHashSet(),
                TimeSpan.FromMilliseconds(network.TimeoutMs),
                maxBytes);
        }

        var tools = runtime.Tools?.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlySet<string>)pair.Value.ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new RuntimeGrants(name, tools, runtime.AllowDestructive, fs, fetch);
    }

    /// <summary>The capability servers this runtime's sandbox gets a global for.</summary>
    public IReadOnlyList<string> CapabilityServers =>
        (FileSystem, Network) switch
        {
            (null, null) => [],
            (not null, null) => [CapabilityNames.FileSystem],
            (null, not null) => [CapabilityNames.Fetch],
            _ => [CapabilityNames.FileSystem, CapabilityNames.Fetch],
        };
}
