namespace CodeMode.Abstractions.Tools;

/// <summary>Base for gateway decorators: passes every call to <see cref="Inner"/> unless overridden.</summary>
public abstract class DelegatingToolGateway(IToolGateway inner) : IToolGateway
{
    protected IToolGateway Inner { get; } = inner;

    public virtual ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default) =>
        Inner.CallAsync(request, cancellationToken);
}
