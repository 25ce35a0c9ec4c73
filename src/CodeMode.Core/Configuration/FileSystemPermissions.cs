namespace CodeMode.Core.Configuration;

/// <summary>
/// <c>permissions.fileSystem</c>: directories the brokered <c>fs</c> may read and write. Relative entries are resolved
/// against the directory of runtimes.json; each must exist at start-up. <c>execute</c> must always be empty.
/// </summary>
public sealed record FileSystemPermissions
{
    /// <summary>Directories whose files (and subdirectories) scripts may read, list and test for existence.</summary>
    public IReadOnlyList<string> Read { get; init; } = [];

    /// <summary>Directories under which scripts may create and overwrite files (and test for existence).</summary>
    public IReadOnlyList<string> Write { get; init; } = [];

    public IReadOnlyList<string> Execute { get; init; } = [];
}
