namespace CodeMode.Core.Configuration;

/// <summary>
/// One entry of <c>runtimes</c>: a language, its engine and the limits its scripts run under. Ranges are enforced by
/// <see cref="RuntimeConfigValidator"/>; <see cref="RuntimeConfigExtensions.ToExecutionLimits"/> turns the limits
/// into the values the sandbox enforces.
/// </summary>
public sealed record RuntimeConfig
{
    /// <summary><c>javascript</c>, <c>csharp</c> or <c>node</c>. Required.</summary>
    public string Language { get; init; } = "";

    /// <summary>The engine for the language: <c>jint</c> (javascript), <c>roslyn</c> (csharp), <c>v8</c> (node). Required.</summary>
    public string Engine { get; init; } = "";

    /// <summary>Wall-clock limit per execution, in milliseconds: 1 to 600000. Default 5000.</summary>
    public int Timeout { get; init; } = 5_000;

    /// <summary>Heap a script may use, e.g. <c>"64MB"</c> (see <see cref="MemorySize"/>): 16MB to 8GB. Default 64MB.</summary>
    public string MemoryLimit { get; init; } = "64MB";

    /// <summary>Statements per execution: 1 to 10^10. Default 10,000,000.</summary>
    public long MaxStatements { get; init; } = 10_000_000;

    /// <summary>Call depth: 1 to 10000. Default 256.</summary>
    public int MaxRecursion { get; init; } = 256;

    /// <summary>Bytes of console output and result value together: 1 to 64MB. Default 1MB.</summary>
    public int MaxOutputBytes { get; init; } = 1024 * 1024;

    /// <summary>Tool calls per execution: 1 to 100000. Default 100.</summary>
    public int MaxToolCalls { get; init; } = 100;

    /// <summary>
    /// Modules CodeMode provides that scripts may use: <c>fs</c> and <c>fetch</c> (javascript only). A module's global
    /// exists only when it is listed here and <see cref="Permissions"/> grants it something; any other name is rejected.
    /// </summary>
    public IReadOnlyList<string> AllowedModules { get; init; } = [];

    /// <summary>
    /// Operations to refuse; each must be one of <c>DeniableOperations.For(language)</c>, listed once.
    /// </summary>
    public IReadOnlyList<string> DeniedOperations { get; init; } = [];

    /// <summary>How scripts are isolated: only <c>process</c> (a pooled worker process) exists.</summary>
    public string SandboxType { get; init; } = "process";

    public PermissionsConfig Permissions { get; init; } = new();

    /// <summary>
    /// Servers this runtime's scripts may call, each a key of <c>mcpServers</c>, listed once; null (the default)
    /// means every enabled server.
    /// </summary>
    public IReadOnlyList<string>? Servers { get; init; }

    /// <summary>
    /// Tool-level allow-list: server name → the only tools of that server this runtime may call. A server not named
    /// here keeps all its tools (subject to <see cref="Servers"/>); null (the default) restricts no tool.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Tools { get; init; }

    /// <summary>
    /// Whether scripts may call tools that may destroy data: per MCP, a tool is destructive unless it declares
    /// <c>readOnlyHint: true</c> or <c>destructiveHint: false</c>. Default true.
    /// </summary>
    public bool AllowDestructive { get; init; } = true;

    /// <summary>Whether the host offers this runtime. Default true. A disabled runtime is still validated.</summary>
    public bool Enabled { get; init; } = true;
}
