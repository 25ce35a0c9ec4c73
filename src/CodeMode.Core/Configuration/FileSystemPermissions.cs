namespace CodeMode.Core.Configuration;

/// <summary>
/// <c>permissions.fileSystem</c>: directories a runtime's brokered <c>fs</c> module may read and write. That module
/// does not exist yet, so <c>read</c> and <c>write</c> must be empty; <c>execute</c> must always be empty.
/// </summary>
public sealed record FileSystemPermissions
{
    public IReadOnlyList<string> Read { get; init; } = [];

    public IReadOnlyList<string> Write { get; init; } = [];

    public IReadOnlyList<string> Execute { get; init; } = [];
}
