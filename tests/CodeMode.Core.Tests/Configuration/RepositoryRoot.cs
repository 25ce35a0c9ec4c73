namespace CodeMode.Core.Tests.Configuration;

/// <summary>The checkout the tests run from: the directory holding CodeMode.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CodeMode.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CodeMode.sln above {AppContext.BaseDirectory}: run the tests from a checkout.");
    });

    public static string Path => Root.Value;
}
