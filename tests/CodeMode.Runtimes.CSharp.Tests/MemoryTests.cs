using System.Runtime.Loader;
using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.CSharp.Tests.Support;

namespace CodeMode.Runtimes.CSharp.Tests;

public sealed class MemoryTests
{
    [Fact]
    public void TwoThousandDistinctScripts_LeaveNoAssembliesBehind()
    {
        // Warm the shapes first so the baseline already holds whatever the runtime itself loads.
        ScriptRunner.Run("record R(int A); return new R(1);");
        var before = LoadedAssemblies();

        for (var i = 0; i < 2_000; i++)
        {
            // Anonymous types, records, lambdas and a proxy call: the things that could pin a script's context.
            var outcome = ScriptRunner.Run($"record R{i}(int A); var xs = Enumerable.Range(0, 3).Select(x => new {{ x, r = new R{i}(x) }}).ToList(); await automem.CallAsync(\"recall_memory\", new {{ i = {i} }}); return xs;");
            Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        }

        var after = LoadedAssemblies();
        Assert.True(after - before < 50, $"loaded assemblies grew from {before} to {after}");
    }

    private static int LoadedAssemblies()
    {
        for (var i = 0; i < 10; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return AssemblyLoadContext.All.SelectMany(context => context.Assemblies).Count();
    }
}
