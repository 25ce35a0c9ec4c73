namespace CodeMode.Testing;

/// <summary>Where things are in the repository checkout the tests run from.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The directory holding CodeMode.sln.</summary>
    public static string Root => RootPath.Value;

    public static string RuntimesJson => Path.Combine(Root, "runtimes.json");

    public static string Examples => Path.Combine(Root, "examples");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CodeMode.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CodeMode.sln above {AppContext.BaseDirectory}: run the tests from a checkout.");
    }
}
