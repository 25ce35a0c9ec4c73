using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Security;

namespace CodeMode.Core.Tools;

/// <summary>
/// Who may call what: a server the runtime is not allowed is denied (<see cref="ErrorCodes.ServerNotAllowed"/>), and
/// a tool the catalog does not list is denied (<see cref="ErrorCodes.UnknownTool"/>) with the closest names as a
/// hint, so the model can correct itself. Then the runtime's grants: a tool its allow-list (<c>tools</c>) does not name
/// is denied (<see cref="ErrorCodes.ToolNotAllowed"/>), and with <c>allowDestructive: false</c> so is every tool that
/// may destroy data (<see cref="ErrorCodes.DestructiveToolDenied"/>).
/// </summary>
/// <param name="inner">The next gateway.</param>
/// <param name="catalog">The tools each server offers.</param>
/// <param name="grants">Each runtime's grants by name; a runtime not listed (or null) has no tool-level restriction.</param>
public sealed class ToolPolicyGateway(IToolGateway inner, IToolCatalog catalog, IReadOnlyDictionary<string, RuntimeGrants>? grants = null)
    : DelegatingToolGateway(inner)
{
    private readonly IToolCatalog _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    private readonly IReadOnlyDictionary<string, RuntimeGrants> _grants = grants ?? new Dictionary<string, RuntimeGrants>();

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

        if (!_catalog.TryGetTool(request.Server, request.Tool, out var descriptor))
        {
            return new(ToolCallOutcome.Denied(ErrorCodes.UnknownTool, UnknownToolMessage(request)));
        }

        if (_grants.GetValueOrDefault(context.Runtime) is { } grants)
        {
            if (grants.ToolsByServer?.GetValueOrDefault(request.Server) is { } allowedTools && !allowedTools.Contains(request.Tool))
            {
                return new(ToolNotAllowed(request, $"Runtime '{context.Runtime}'", "Its", allowedTools));
            }

            if (!grants.AllowDestructive && IsDestructive(descriptor))
            {
                return new(ToolCallOutcome.Denied(
                    ErrorCodes.DestructiveToolDenied,
                    $"Runtime '{context.Runtime}' may not call {request.Server}.{request.Tool}: the tool may destroy data (it does not declare readOnlyHint: true or destructiveHint: false) and the runtime has allowDestructive: false."));
            }
        }

        if (context.ToolScope?.GetValueOrDefault(request.Server) is { } clientTools && !clientTools.Contains(request.Tool))
        {
            return new(ToolNotAllowed(request, $"API client '{context.ClientId}'", "Its key's", clientTools));
        }

        return Inner.CallAsync(request, cancellationToken);
    }

    /// <summary>As MCP defines the hints: destructive unless read-only, or unless it says it is not destructive.</summary>
    public static bool IsDestructive(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.Annotations is not { ReadOnlyHint: true } && tool.Annotations?.DestructiveHint != false;
    }

    private static ToolCallOutcome ToolNotAllowed(ToolCallRequest request, string caller, string owner, IReadOnlySet<string> allowed)
    {
        var listed = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Order(StringComparer.Ordinal));
        return ToolCallOutcome.Denied(
            ErrorCodes.ToolNotAllowed,
            $"{caller} may not call {request.Server}.{request.Tool}. {owner} allowed tools of '{request.Server}': {listed}.");
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
