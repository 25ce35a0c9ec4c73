using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Runtimes.CSharp.Tests.Support;

/// <summary>
/// Runs scripts the way the sandbox worker does (its loop thread has a 256 MB stack). One runtime for the whole test
/// run, like a worker. Limits are generous so only the limit a test is about can trip on this noisy 2-core VM.
/// </summary>
public static class ScriptRunner
{
    public static readonly CSharpRuntime SharedRuntime = CreateWarm();

    public static ExecutionLimits DefaultLimits { get; } = new()
    {
        TimeoutMs = 20_000,
        MemoryLimitBytes = 256L * 1024 * 1024,
        MaxStatements = 50_000_000,
        MaxRecursion = 200,
        MaxOutputBytes = 1024 * 1024,
        MaxToolCalls = 100,
    };

    private static readonly JsonElement Schemas = JsonDocument.Parse("""
        {
          "store": { "type": "object", "properties": { "content": { "type": "string" }, "tags": { "type": "array", "items": { "type": "string" } }, "importance": { "type": "number" } }, "required": ["content"] },
          "storeOut": { "type": "object", "properties": { "tool": { "type": "string" }, "args": { "type": "object" } } },
          "find": { "type": "object", "properties": { "name_path_pattern": { "type": "string" }, "depth": { "type": "integer" } }, "required": ["name_path_pattern"] }
        }
        """).RootElement.Clone();

    public static IReadOnlyList<ProxyServer> DefaultProxies { get; } =
    [
        new ProxyServer("automem", ["store_memory", "recall_memory"], [new ProxyToolSchema("store_memory", Schemas.GetProperty("store"), Schemas.GetProperty("storeOut"))]),
        new ProxyServer("serena", ["find_symbol"], [new ProxyToolSchema("find_symbol", Schemas.GetProperty("find"))]),
    ];

    public static SandboxOutcome Run(
        string code,
        ExecutionLimits? limits = null,
        IToolBridge? tools = null,
        IReadOnlyList<ProxyServer>? proxies = null,
        CancellationToken cancellationToken = default,
        CSharpRuntime? runtime = null)
    {
        var execution = new SandboxExecution(Guid.NewGuid().ToString("N"), code, limits ?? DefaultLimits, [], proxies ?? DefaultProxies);
        return (runtime ?? SharedRuntime).Execute(execution, tools ?? new FakeToolBridge(), cancellationToken);
    }

    private static CSharpRuntime CreateWarm()
    {
        var runtime = new CSharpRuntime();
        runtime.WarmUp();
        return runtime;
    }

    public static string Json(this SandboxOutcome outcome) => outcome.Value?.GetRawText() ?? "<none>";

    public static string Describe(this SandboxOutcome outcome) =>
        $"{outcome.Status} {outcome.Error?.Code} {outcome.Error?.Message} @{outcome.Error?.Line}:{outcome.Error?.Column} value={outcome.Json()}";
}
