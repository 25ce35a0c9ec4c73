namespace CodeMode.Core.Configuration;

/// <summary>
/// The whole of runtimes.json. Immutable; loaded and validated once at start-up by <see cref="RuntimesJsonLoader"/>
/// (every error listed at once). Property names map to camelCase JSON fields; unknown fields are rejected.
/// Runtime and server names are the (case-sensitive) keys of <see cref="Runtimes"/> and <see cref="McpServers"/>.
/// </summary>
public sealed record CodeModeConfig
{
    public HostSettings Server { get; init; } = new();

    public SandboxSettings Sandbox { get; init; } = new();

    /// <summary>At least one runtime, keyed by an identifier (e.g. <c>javascript</c>).</summary>
    public IReadOnlyDictionary<string, RuntimeConfig> Runtimes { get; init; } = new Dictionary<string, RuntimeConfig>();

    /// <summary>MCP servers keyed by name; each name becomes a global in scripts.</summary>
    public IReadOnlyDictionary<string, McpServerConfig> McpServers { get; init; } = new Dictionary<string, McpServerConfig>();

    public SecuritySettings Security { get; init; } = new();

    /// <summary>
    /// Where relative paths in the file (<c>permissions.fileSystem</c>) are resolved: the directory of runtimes.json, or
    /// the current directory for configurations not read from a file. Not a JSON field; set by <see cref="RuntimesJsonLoader"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string BaseDirectory { get; internal init; } = Directory.GetCurrentDirectory();
}
