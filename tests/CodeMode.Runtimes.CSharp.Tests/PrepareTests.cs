using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.CSharp.Tests.Support;

namespace CodeMode.Runtimes.CSharp.Tests;

/// <summary>A worker that gets its catalog before it reports ready builds those proxies once, for the first request to use.</summary>
public sealed class PrepareTests
{
    [Fact]
    public void Prepare_BuildsTheProxySetTheFirstExecutionUses()
    {
        var runtime = new CSharpRuntime();
        runtime.Prepare(ScriptRunner.DefaultProxies);
        var built = runtime.ProxySetCount;

        // Equal content in new objects, as a catalog sent again would arrive: the key is the content, not the objects.
        var copy = ScriptRunner.DefaultProxies.Select(p => p with { }).ToArray();
        var outcome = ScriptRunner.Run("""var stored = await automem.store_memory(content: "x"); return stored.tool;""", proxies: copy, runtime: runtime);

        Assert.Equal(1, built);
        Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        Assert.Equal("\"store_memory\"", outcome.Json());
        Assert.Equal(1, runtime.ProxySetCount);
    }

    [Fact]
    public void Prepare_ThenAnotherCatalog_BuildsThatOneOnDemand()
    {
        var runtime = new CSharpRuntime();
        runtime.Prepare([ScriptRunner.DefaultProxies[0]]);

        var outcome = ScriptRunner.Run("""var found = await serena.find_symbol(name_path_pattern: "Main"); return found?["tool"]?.GetValue<string>();""", runtime: runtime);

        Assert.Equal(ScriptStatus.Succeeded, outcome.Status);
        Assert.Equal("\"find_symbol\"", outcome.Json());
        Assert.Equal(2, runtime.ProxySetCount);
    }
}
