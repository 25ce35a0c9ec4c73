using CodeMode.Abstractions.Sandbox;
using CodeMode.Core.Execution;
using CodeMode.Core.Sandbox;

namespace CodeMode.Core.Tests.Execution;

/// <summary>A pool that runs nothing: it records what it was asked and answers with a callback.</summary>
internal sealed class FakeSandboxPool(Func<ExecuteMessage, ISandboxToolHandler, Task<SandboxOutcome>> run) : ISandboxPool
{
    public List<ExecuteMessage> Executions { get; } = [];

    public List<ConfigureMessage> Catalogs { get; } = [];

    public bool Started { get; private set; }

    /// <summary>What the manager gave for workers' first configure, if anything.</summary>
    public Func<ConfigureMessage>? FirstConfigure { get; private set; }

    public void PrepareWorkersWith(Func<ConfigureMessage> firstConfigure) => FirstConfigure = firstConfigure;

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Started = true;
        return Task.CompletedTask;
    }

    public Task<SandboxOutcome> RunAsync(ExecuteMessage execute, ConfigureMessage catalog, ISandboxToolHandler tools, CancellationToken cancellationToken = default)
    {
        Executions.Add(execute);
        Catalogs.Add(catalog);
        return run(execute, tools);
    }

    public SandboxPoolStatus GetStatus() => new("javascript", 1, 0, 0, 0, 1, 0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
