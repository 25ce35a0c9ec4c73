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

    SandboxOutcome Execute(SandboxExecution execution, IToolBridge tools, CancellationToken cancellationToken);
}
