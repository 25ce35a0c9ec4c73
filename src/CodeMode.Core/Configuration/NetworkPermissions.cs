namespace CodeMode.Core.Configuration;

/// <summary>
/// <c>permissions.network</c>: hosts and ports a runtime's brokered <c>fetch</c> may reach. That module does not exist
/// yet, so both must be empty.
/// </summary>
public sealed record NetworkPermissions
{
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public IReadOnlyList<int> AllowedPorts { get; init; } = [];
}
