using System.Collections.Concurrent;
using CodeMode.Core.Sandbox;
using Xunit.Abstractions;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>A real <see cref="SandboxWorkerPool"/> whose workers are scripted in-memory <see cref="FakeWorkerProcess"/>es.</summary>
internal static class FakeWorkerPool
{
    /// <summary>
    /// Worker number n (from 1, replacements included) follows <paramref name="behaviourOf"/>(n) on its own task;
    /// every worker is added to <paramref name="workers"/> as it starts.
    /// </summary>
    public static SandboxWorkerPool Create(
        SandboxPoolOptions options,
        ITestOutputHelper output,
        ConcurrentQueue<FakeWorkerProcess> workers,
        Func<int, Func<FakeWorkerProcess, Task>> behaviourOf) =>
        new(options, new TestLogger<SandboxWorkerPool>(output), null, () =>
        {
            var worker = new FakeWorkerProcess();
            workers.Enqueue(worker);
            var behaviour = behaviourOf(workers.Count);
            _ = Task.Run(async () =>
            {
                try
                {
                    await behaviour(worker);
                }
                catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException or EndOfStreamException)
                {
                    // Killed mid-conversation.
                }
            });
            return worker;
        });
}
