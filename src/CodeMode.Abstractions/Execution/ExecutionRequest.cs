namespace CodeMode.Abstractions.Execution;

/// <summary>A request to run <see cref="Code"/> in <see cref="Runtime"/>.</summary>
/// <param name="TimeoutMs">Optional: lowers the runtime's timeout for this execution; never raises it.</param>
/// <param name="ClientId">Who asked (API client, CLI); used for rate limits and audit.</param>
public sealed record ExecutionRequest(string Runtime, string Code, int? TimeoutMs = null, string? ClientId = null);
