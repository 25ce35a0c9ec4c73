using System.Runtime.ExceptionServices;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Runtimes.JavaScript.Tests.Support;

/// <summary>
/// Runs scripts the way the sandbox worker does: on a dedicated thread with a 256 MB stack.
/// Defaults are generous so only the limit a test is about can trip (the machine is a noisy 2-core VM).
/// </summary>
public static class ScriptRunner
{
    public const int WorkerStackBytes = 256 * 1024 * 1024;

    public static readonly JavaScriptRuntime SharedRuntime = new();

    public static ExecutionLimits DefaultLimits { get; } = new()
    {
        TimeoutMs = 20_000,
        MemoryLimitBytes = 2L * 1024 * 1024 * 1024,
        MaxStatements = 50_000_000,
        MaxRecursion = 200,
        MaxOutputBytes = 1024 * 1024,
        MaxToolCalls = 100,
    };

    public static IReadOnlyList<ProxyServer> DefaultProxies { get; } =
    [
        new ProxyServer("automem", ["store_memory", "search", "recall"]),
        new ProxyServer("serena", ["find_symbol"]),
    ];

    public static SandboxOutcome Run(
        string code,
        ExecutionLimits? limits = null,
        IToolBridge? tools = null,
        IReadOnlyList<string>? denied = null,
        IReadOnlyList<ProxyServer>? proxies = null,
        CancellationToken cancellationToken = default,
        JavaScriptRuntime? runtime = null,
        int stackBytes = WorkerStackBytes)
    {
        var execution = new SandboxExecution(
            Guid.NewGuid().ToString("N"),
            code,
            limits ?? DefaultLimits,
            denied ?? [],
            proxies ?? DefaultProxies);
        return OnWorkerThread(() => (runtime ?? SharedRuntime).Execute(execution, tools ?? new FakeToolBridge(), cancellationToken), stackBytes);
    }

    public static T OnWorkerThread<T>(Func<T> action, int stackBytes = WorkerStackBytes)
    {
        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = action();
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            stackBytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!;
    }

    public static ExecutionLimits With(
        int? timeoutMs = null,
        long? memoryLimitBytes = null,
        long? maxStatements = null,
        int? maxRecursion = null,
        int? maxOutputBytes = null,
        int? maxToolCalls = null) => DefaultLimits with
        {
            TimeoutMs = timeoutMs ?? DefaultLimits.TimeoutMs,
            MemoryLimitBytes = memoryLimitBytes ?? DefaultLimits.MemoryLimitBytes,
            MaxStatements = maxStatements ?? DefaultLimits.MaxStatements,
            MaxRecursion = maxRecursion ?? DefaultLimits.MaxRecursion,
            MaxOutputBytes = maxOutputBytes ?? DefaultLimits.MaxOutputBytes,
            MaxToolCalls = maxToolCalls ?? DefaultLimits.MaxToolCalls,
        };
}
