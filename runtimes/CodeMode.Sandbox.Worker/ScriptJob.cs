using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>One execution on the script thread, with the catalog current when it arrived.</summary>
internal sealed class ScriptJob(ExecuteMessage message, ConfigureMessage? catalog)
{
    // Never disposed: it has no timer.
    private readonly CancellationTokenSource _cancellation = new();

    public ExecuteMessage Message { get; } = message;

    public ConfigureMessage? Catalog { get; } = catalog;

    public string ExecutionId => Message.ExecutionId;

    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The host's deadline passed (rather than the caller going away).</summary>
    public bool TimedOut { get; private set; }

    public void Cancel(bool timedOut)
    {
        TimedOut |= timedOut;
        _cancellation.Cancel();
    }
}
