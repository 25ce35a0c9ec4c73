using CodeMode.Abstractions.Sandbox;
using CodeMode.Core.Sandbox;

namespace CodeMode.Core.Execution;

/// <summary>Warm sandbox workers for one runtime; <see cref="SandboxWorkerPool"/> is the real one.</summary>
public interface ISandboxPool : IAsyncDisposable
{
    Task StartAsync(CancellationToken cancellationToken = default);

    Task<SandboxOutcome> RunAsync(ExecuteMessage execute, ConfigureMessage catalog, ISandboxToolHandler tools, CancellationToken cancellationToken = default);

    SandboxPoolStatus GetStatus();

    /// <summary>
    /// Gives workers started from now on the catalog as their first message, with <see cref="ConfigureMessage.Prepare"/>
    /// naming the runtime's servers, so they build those proxies before they report ready. Optional: the default ignores it.
    /// </summary>
    void PrepareWorkersWith(Func<ConfigureMessage> firstConfigure)
    {
    }
}
