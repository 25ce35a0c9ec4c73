namespace CodeMode.Core.Security;

/// <summary>The directories one runtime's <c>fs</c> may reach, as real absolute paths (links resolved at start-up).</summary>
/// <param name="BaseDirectory">Where relative paths from scripts resolve (the directory of runtimes.json).</param>
/// <param name="MaxFileBytes">Largest file <c>fs.read</c> returns or <c>fs.write</c> writes.</param>
public sealed record FileSystemGrant(string BaseDirectory, IReadOnlyList<string> ReadDirectories, IReadOnlyList<string> WriteDirectories, int MaxFileBytes);
