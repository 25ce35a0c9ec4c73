using System.Text.Json.Nodes;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tests.Configuration;

/// <summary>Builds runtimes.json variants from a small valid file and loads them with a controlled environment.</summary>
internal static class ConfigJson
{
    public const string Minimal = """
        {
          "runtimes": {
            "javascript": { "language": "javascript", "engine": "jint", "servers": ["automem"] }
          },
          "mcpServers": {
            "automem": { "command": "npx", "args": ["-y", "@verygoodplugins/mcp-automem"], "mock": "automem" }
          }
        }
        """;

    /// <summary>The minimal file with the value at each dotted path replaced (a JSON text, or null to remove it).</summary>
    public static string With(params (string Path, string? Json)[] changes)
    {
        var root = JsonNode.Parse(Minimal)!.AsObject();
        foreach (var (path, json) in changes)
        {
            var segments = path.Split('.');
            var parent = root;
            foreach (var segment in segments[..^1])
            {
                parent = parent[segment] as JsonObject ?? (JsonObject)(parent[segment] = new JsonObject());
            }

            if (json is null)
            {
                parent.Remove(segments[^1]);
            }
            else
            {
                parent[segments[^1]] = JsonNode.Parse(json);
            }
        }

        return root.ToJsonString();
    }

    public static CodeModeConfig Load(string json, IReadOnlyDictionary<string, string>? environment = null) =>
        RuntimesJsonLoader.Load(json, "runtimes.json", name => environment?.GetValueOrDefault(name));

    /// <summary>Loads <paramref name="json"/>, which must be invalid, and returns every error reported.</summary>
    public static IReadOnlyList<ConfigurationError> Errors(string json, IReadOnlyDictionary<string, string>? environment = null) =>
        Assert.Throws<ConfigurationException>(() => Load(json, environment)).Errors;

    /// <summary>Exactly one error, at <paramref name="path"/>, whose fix mentions <paramref name="fixFragment"/>.</summary>
    public static ConfigurationError SingleError(string json, string path, string fixFragment)
    {
        var errors = Errors(json);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(fixFragment, error.Fix, StringComparison.OrdinalIgnoreCase);
        return error;
    }
}
