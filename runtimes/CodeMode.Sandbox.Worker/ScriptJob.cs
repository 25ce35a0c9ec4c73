using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>One execution handed from the reader loop to the script thread, with the catalog current when it arrived.</summary>
internal sealed class ScriptJob(ExecuteMessage message, ConfigureMessage? catalog)
{
    // Never disposed: it has no timer, and disposing would race a late cancel from the reader loop.
    private readonly CancellationTokenSource _cancellation = new();

    public ExecuteMessage Message { get; } = message;

    public ConfigureMessage? Catalog { get; } = catalog;

    public string ExecutionId => Message.ExecutionId;

    public CancellationToken CancellationToken => _cancellation.Token;

    public void Cancel() => _cancellation.Cancel();
}
