using CodeMode.Abstractions.Execution;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>One execution as a runtime inside the worker receives it.</summary>
/// <param name="Proxies">The proxies to expose: only the servers this runtime may call.</param>
public sealed record SandboxExecution(
    string ExecutionId,
    string Code,
    ExecutionLimits Limits,
    IReadOnlyList<string> DeniedOperations,
    IReadOnlyList<ProxyServer> Proxies);
