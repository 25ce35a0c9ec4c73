namespace CodeMode.Core.Configuration;

/// <summary>
/// The whole of runtimes.json. Immutable; loaded and validated once at start-up by <see cref="RuntimesJsonLoader"/>
/// (every error listed at once). Property names map to camelCase JSON fields.
/// </summary>
public sealed record CodeModeConfig
{
    public HostSettings Server { get; init; } = new();

    public SandboxSettings Sandbox { get; init; } = new();

    public IReadOnlyDictionary<string, RuntimeConfig> Runtimes { get; init; } = new Dictionary<string, RuntimeConfig>();

    public IReadOnlyDictionary<string, McpServerConfig> McpServers { get; init; } = new Dictionary<string, McpServerConfig>();

    public SecuritySettings Security { get; init; } = new();
}
