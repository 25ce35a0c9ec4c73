using System.Text.Json.Nodes;

namespace CodeMode.Testing;

/// <summary>Variants of the repository's runtimes.json for tests that need other limits.</summary>
public static class ConfigFiles
{
    /// <summary>The real runtimes.json with <paramref name="edit"/> applied, written into <paramref name="directory"/>.</summary>
    public static string Variant(TempDirectory directory, Action<JsonObject> edit, string name = "runtimes.json")
    {
        var root = JsonNode.Parse(File.ReadAllText(RepositoryPaths.RuntimesJson), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        edit(root);
        return directory.Write(name, root.ToJsonString());
    }
}
