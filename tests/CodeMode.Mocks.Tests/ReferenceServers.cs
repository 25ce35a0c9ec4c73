using System.Text.Json;

namespace CodeMode.Mocks.Tests;

/// <summary>The reference descriptions of the real servers, read from shared/reference/servers beside the repository.</summary>
internal static class ReferenceServers
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static JsonDocument Load(string server) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder.Value, $"{server}.json")));

    private static string Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CodeMode.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"Could not find CodeMode.sln above {AppContext.BaseDirectory}; the reference files are located from the repository root.");
        }

        var folder = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "reference", "servers"));
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"The reference server descriptions are missing: expected {folder} (shared/reference/servers beside the repository root {directory.FullName}). " +
                "These tests compare the mocks with them and cannot run without them.");
        }

        return folder;
    }
}
