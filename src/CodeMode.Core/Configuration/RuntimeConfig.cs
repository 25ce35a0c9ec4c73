namespace CodeMode.Core.Configuration;

/// <summary>One entry of <c>runtimes</c>: a language, its engine and the limits its scripts run under.</summary>
public sealed record RuntimeConfig
{
    /// <summary><c>javascript</c>, <c>csharp</c> or <c>node</c>.</summary>
    public string Language { get; init; } = "";

    /// <summary>The engine for the language: <c>jint</c> (javascript), <c>roslyn</c> (csharp), <c>v8</c> (node).</summary>
    public string Engine { get; init; } = "";

    /// <summary>Wall-clock limit per execution, in milliseconds.</summary>
    public int Timeout { get; init; } = 5_000;

    /// <summary>Heap a script may use, e.g. <c>"64MB"</c>.</summary>
    public string MemoryLimit { get; init; } = "64MB";

    public long MaxStatements { get; init; } = 10_000_000;

    public int MaxRecursion { get; init; } = 256;

    public int MaxOutputBytes { get; init; } = 1024 * 1024;

    public int MaxToolCalls { get; init; } = 100;

    /// <summary>Modules CodeMode provides that scripts may use. None exist yet, so this must be empty.</summary>
    public IReadOnlyList<string> AllowedModules { get; init; } = [];

    /// <summary>Operations to refuse (see <c>DeniableOperations</c>).</summary>
    public IReadOnlyList<string> DeniedOperations { get; init; } = [];

    /// <summary>How scripts are isolated: only <c>process</c> (a pooled worker process) exists.</summary>
    public string SandboxType { get; init; } = "process";

    public PermissionsConfig Permissions { get; init; } = new();

    /// <summary>Servers this runtime's scripts may call; null means every enabled server.</summary>
    public IReadOnlyList<string>? Servers { get; init; }

    public bool Enabled { get; init; } = true;
}
