namespace CodeMode.Core.Security;

/// <summary>
/// Resolves paths the way the brokered <c>fs</c> sees them: relative to a base directory, <c>..</c> collapsed, and
/// every symbolic link on the way followed to where it really points, so a link cannot lead out of a granted directory.
/// </summary>
public static class GrantedDirectory
{
    /// <summary>The absolute, normalised form of <paramref name="path"/> relative to <paramref name="baseDirectory"/> (links not followed).</summary>
    public static string Resolve(string baseDirectory, string path) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, baseDirectory));

    /// <summary>
    /// Where <paramref name="fullPath"/> really is: each existing component that is a symbolic link is replaced by its
    /// final target, component by component; components that do not exist yet are kept as written.
    /// </summary>
    /// <exception cref="IOException">The links loop or nest too deeply.</exception>
    public static string RealPath(string fullPath) => RealPath(fullPath, depth: 0);

    private static string RealPath(string fullPath, int depth)
    {
        if (depth > 32)
        {
            throw new IOException("Too many levels of symbolic links.");
        }

        var root = Path.GetPathRoot(fullPath) ?? "/";
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists && info.LinkTarget is null)
            {
                // Nothing below a missing component can be a link.
                return Path.Combine([next, .. parts[(i + 1)..]]);
            }

            if (info.LinkTarget is not null)
            {
                // The target may itself sit below links (or dangle): resolve it the same way.
                var target = Path.GetFullPath(info.LinkTarget, current);
                next = RealPath(target, depth + 1);
            }

            current = next;
        }

        return Path.TrimEndingDirectorySeparator(current);
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or inside it (both absolute and real).</summary>
    public static bool IsWithin(string path, string directory)
    {
        if (string.Equals(path, directory, StringComparison.Ordinal))
        {
            return true;
        }

        var prefix = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
