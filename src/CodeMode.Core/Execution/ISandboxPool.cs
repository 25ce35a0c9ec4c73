using CodeMode.Abstractions.Sandbox;
using CodeMode.Core.Sandbox;

namespace CodeMode.Core.Execution;

/// <summary>Warm sandbox workers for one runtime; <see cref="SandboxWorkerPool"/> is the real one.</summary>
public interface ISandboxPool : IAsyncDisposable
{
    Task StartAsync(CancellationToken cancellationToken = default);

    Task<SandboxOutcome> RunAsync(ExecuteMessage execute, ConfigureMessage catalog, ISandboxToolHandler tools, CancellationToken cancellationToken = default);

    SandboxPoolStatus GetStatus();
}
