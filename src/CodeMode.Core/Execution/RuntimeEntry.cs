using CodeMode.Abstractions.Execution;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Execution;

/// <summary>One configured runtime with everything the hot path needs precomputed once at start-up.</summary>
internal sealed record RuntimeEntry(
    string Name,
    RuntimeConfig Config,
    ExecutionLimits Limits,
    IReadOnlySet<string> AllowedServers,
    IReadOnlyList<string> Servers,
    ISandboxPool? Pool,
    string? UnavailableReason);
