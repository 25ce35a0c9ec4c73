namespace CodeMode.Core.Configuration;

/// <summary>
/// Capabilities the host may broker for a runtime (<c>permissions</c>). Default-deny: every list starts empty, and a
/// grant this build cannot honour yet is rejected at load rather than ignored (see <see cref="PermissionsConfigValidator"/>).
/// </summary>
public sealed record PermissionsConfig
{
    public FileSystemPermissions FileSystem { get; init; } = new();

    public NetworkPermissions Network { get; init; } = new();

    public SystemPermissions System { get; init; } = new();
}
