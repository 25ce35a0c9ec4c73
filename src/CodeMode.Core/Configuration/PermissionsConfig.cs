namespace CodeMode.Core.Configuration;

/// <summary>
/// Capabilities the host may broker for a runtime. Default-deny: every list starts empty, and a grant this build
/// cannot honour yet is rejected at load rather than ignored.
/// </summary>
public sealed record PermissionsConfig
{
    public FileSystemPermissions FileSystem { get; init; } = new();

    public NetworkPermissions Network { get; init; } = new();

    public SystemPermissions System { get; init; } = new();
}

/// <summary>Directories a runtime's brokered file API may read, write; <c>execute</c> must stay empty.</summary>
public sealed record FileSystemPermissions
{
    public IReadOnlyList<string> Read { get; init; } = [];

    public IReadOnlyList<string> Write { get; init; } = [];

    public IReadOnlyList<string> Execute { get; init; } = [];
}

/// <summary>Hosts and ports a runtime's brokered fetch and remote servers may reach.</summary>
public sealed record NetworkPermissions
{
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public IReadOnlyList<int> AllowedPorts { get; init; } = [];
}

/// <summary>Command execution: never offered, so both must stay empty / zero.</summary>
public sealed record SystemPermissions
{
    public IReadOnlyList<string> AllowedCommands { get; init; } = [];

    public int MaxProcesses { get; init; }
}
