using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>
/// Who may call what: a server the runtime is not allowed is denied (<see cref="ErrorCodes.ServerNotAllowed"/>), and
/// a tool the catalog does not list is denied (<see cref="ErrorCodes.UnknownTool"/>) with the closest names as a
/// hint, so the model can correct itself.
/// </summary>
public sealed class ToolPolicyGateway(IToolGateway inner, IToolCatalog catalog) : DelegatingToolGateway(inner)
{
    private readonly IToolCatalog _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    public override ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.Context;
        if (!context.AllowedServers.Contains(request.Server))
        {
            var allowed = context.AllowedServers.Count == 0 ? "none" : string.Join(", ", context.AllowedServers.Order(StringComparer.Ordinal));
            return new(ToolCallOutcome.Denied(
                ErrorCodes.ServerNotAllowed,
                $"Runtime '{context.Runtime}' may not call server '{request.Server}'. Allowed servers: {allowed}."));
        }

        if (!_catalog.TryGetTool(request.Server, request.Tool, out _))
        {
            return new(ToolCallOutcome.Denied(ErrorCodes.UnknownTool, UnknownToolMessage(request)));
        }

        return Inner.CallAsync(request, cancellationToken);
    }

    private string UnknownToolMessage(ToolCallRequest request)
    {
        var tools = _catalog.GetTools(request.Server);
        if (tools.Count == 0)
        {
            return $"Server '{request.Server}' offers no tools (it is not configured, disabled, or not connected).";
        }

        var closest = ToolNameSuggestions.Closest(request.Tool, tools.Select(tool => tool.Name));
        return closest.Count > 0
            ? $"Server '{request.Server}' has no tool '{request.Tool}'. Did you mean: {string.Join(", ", closest)}?"
            : $"Server '{request.Server}' has no tool '{request.Tool}'. Its tools: {string.Join(", ", tools.Select(tool => tool.Name).Order(StringComparer.Ordinal))}.";
    }
}
