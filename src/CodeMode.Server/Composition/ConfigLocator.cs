namespace CodeMode.Server.Composition;

/// <summary>Finds runtimes.json: the given path, else <c>CODEMODE_CONFIG</c>, else ./runtimes.json or the nearest one above the working directory.</summary>
public static class ConfigLocator
{
    public const string FileName = "runtimes.json";

    public static string Resolve(string? explicitPath, Func<string, string?>? environment = null, string? workingDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        if (environment("CODEMODE_CONFIG") is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var directory = new DirectoryInfo(workingDirectory ?? Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // Not found: return the conventional path so the loader's error names where it looked.
        return Path.Combine(workingDirectory ?? Directory.GetCurrentDirectory(), FileName);
    }
}
