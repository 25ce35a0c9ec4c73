namespace CodeMode.Abstractions.Sandbox;

/// <summary>
/// A language runtime hosted inside a sandbox worker process (never in the host). It runs one execution at a
/// time on the calling thread and reports every outcome as data. <paramref name="cancellationToken"/> is
/// signalled when the host cancels; the runtime then stops as soon as it can with <c>cancelled</c>.
/// </summary>
public interface ISandboxRuntime
{
    string Language { get; }

    /// <summary>Runs a representative script once so the first real execution is fast.</summary>
    void WarmUp();

    /// <summary>
    /// Builds and warms what executions with exactly these proxies need (typed proxies, for instance), before the
    /// worker reports ready, so the first real execution does not pay for it. Optional: the default does nothing.
    /// </summary>
    void Prepare(IReadOnlyList<ProxyServer> proxies)
    {
    }

    /// <summary>
    /// Called on the execution thread after an execution was reported, while the worker waits for the next one: a
    /// runtime may build here what every execution needs fresh, off the request's path. Optional: the default does
    /// nothing, and an execution must not depend on it having run.
    /// </summary>
    void PrepareNextExecution()
    {
    }

    SandboxOutcome Execute(SandboxExecution execution, IToolBridge tools, CancellationToken cancellationToken);
}
