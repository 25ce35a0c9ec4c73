using System.Text.Json;
using CodeMode.Abstractions;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Builds the JSON paths errors carry: <c>runtimes.javascript.timeout</c>, <c>mcpServers.serena.args[4]</c>, and
/// <c>runtimes["my runtime"]</c> for a key that is not an identifier (so the path stays unambiguous).
/// </summary>
internal static class ConfigJsonPath
{
    /// <summary>The whole document.</summary>
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        parent.Length == 0 || parent == Root ? name : $"{parent}.{name}";

    public static string Key(string parent, string key) =>
        ConfigNames.IsIdentifier(key)
            ? Property(parent, key)
            : $"{(parent.Length == 0 ? Root : parent)}[{JsonSerializer.Serialize(key, CodeModeJson.Options)}]";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or lies inside it.</summary>
    public static bool IsAtOrUnder(string path, string ancestor) =>
        path == ancestor
        || (path.StartsWith(ancestor, StringComparison.Ordinal)
            && path.Length > ancestor.Length
            && path[ancestor.Length] is '.' or '[');

    /// <summary>
    /// FluentValidation names a rule after the C# member chain (<c>FileSystem.Read</c>); runtimes.json spells it
    /// <c>fileSystem.read</c>.
    /// </summary>
    public static string CamelCaseMembers(string memberChain) =>
        string.Join('.', memberChain.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
