namespace CodeMode.Abstractions.Execution;

/// <summary>A request to run <see cref="Code"/> in <see cref="Runtime"/>.</summary>
/// <param name="TimeoutMs">Optional: lowers the runtime's timeout for this execution; never raises it.</param>
/// <param name="ClientId">Who asked (API client, CLI); used for rate limits and audit.</param>
/// <param name="ServerScope">Optional: narrows the servers the runtime allows to these (an API key's <c>servers</c>); never widens them.</param>
/// <param name="ToolScope">Optional: per server, the only tools this execution may call (an API key's <c>tools</c>); a server it does not list is not narrowed.</param>
/// <param name="ExecutionId">Optional: the id to run under (the audit log assigns it to tie the execution to its tool calls).</param>
public sealed record ExecutionRequest(
    string Runtime,
    string Code,
    int? TimeoutMs = null,
    string? ClientId = null,
    IReadOnlySet<string>? ServerScope = null,
    string? ExecutionId = null,
    IReadOnlyDictionary<string, IReadOnlySet<string>>? ToolScope = null);
