using System.Diagnostics;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>Messages and options for the sandbox tests, with limits generous enough for a noisy 2-core machine.</summary>
internal static class SandboxTestData
{
    public const string Language = "javascript";
    public const long MemoryLimitBytes = 64L * 1024 * 1024;

    public static readonly ConfigureMessage Catalog = new(1, [new ProxyServer("tools", ["echo", "fail", "deny", "wait"])]);

    private static int s_executions;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after a minute.</summary>
    public static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }

    public static ExecuteMessage Execute(
        string code, int timeoutMs = 10_000, long memoryLimitBytes = MemoryLimitBytes, int maxRecursion = 1000, IReadOnlyList<string>? servers = null) =>
        new(
            $"test-{Interlocked.Increment(ref s_executions)}",
            Language,
            code,
            new ExecutionLimits
            {
                TimeoutMs = timeoutMs,
                MemoryLimitBytes = memoryLimitBytes,
                MaxStatements = 1_000_000_000,
                MaxRecursion = maxRecursion,
                MaxOutputBytes = 1024 * 1024,
                MaxToolCalls = 100,
            },
            [],
            servers ?? ["tools"]);
}
