namespace CodeMode.Core.Configuration;

/// <summary><c>permissions.system</c>: command execution is never offered, so both must stay empty / zero.</summary>
public sealed record SystemPermissions
{
    public IReadOnlyList<string> AllowedCommands { get; init; } = [];

    public int MaxProcesses { get; init; }
}
