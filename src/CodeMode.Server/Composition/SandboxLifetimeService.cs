using CodeMode.Core.Execution;
using Microsoft.Extensions.Hosting;

namespace CodeMode.Server.Composition;

/// <summary>Warms the worker pools before the host takes requests, and stops every worker process when it shuts down.</summary>
internal sealed class SandboxLifetimeService(RuntimeManager runtimes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtimes.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await runtimes.DisposeAsync();
}
