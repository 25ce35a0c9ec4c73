namespace CodeMode.Core.Configuration;

/// <summary>
/// <c>permissions.network</c>: what the brokered <c>fetch</c> may reach. Only <c>http</c>/<c>https</c> URLs whose host
/// is in <see cref="AllowedHosts"/> and whose port is in <see cref="AllowedPorts"/> are fetched; redirects are checked
/// the same way, hop by hop. Both lists start empty: no network.
/// </summary>
public sealed record NetworkPermissions
{
    /// <summary>Host names or IP addresses, matched exactly (case-insensitive); no wildcards, schemes or ports.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Ports 1 to 65535. A URL without a port uses 80 (http) or 443 (https), which must be listed too.</summary>
    public IReadOnlyList<int> AllowedPorts { get; init; } = [];

    /// <summary>Wall-clock limit of one fetch including its redirects, in milliseconds: 1 to 600000. Default 10000.</summary>
    public int TimeoutMs { get; init; } = 10_000;
}
