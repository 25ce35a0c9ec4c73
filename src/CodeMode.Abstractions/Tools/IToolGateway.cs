namespace CodeMode.Abstractions.Tools;

/// <summary>
/// The one door between sandboxes and tool servers. Cross-cutting concerns (policy, limits, tracing, fallback)
/// are decorators over it (<see cref="DelegatingToolGateway"/>), composed in one visible place.
/// Implementations return expected failures as <see cref="ToolCallOutcome"/>, never as exceptions.
/// </summary>
public interface IToolGateway
{
    ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default);
}
