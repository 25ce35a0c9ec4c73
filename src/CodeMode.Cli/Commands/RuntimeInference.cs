namespace CodeMode.Cli.Commands;

/// <summary>The runtime a file's extension implies: <c>.js</c> javascript, <c>.csx</c> csharp, <c>.mjs</c>/<c>.ts</c> node.</summary>
public static class RuntimeInference
{
    public static string? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".js" => "javascript",
        ".csx" => "csharp",
        ".mjs" or ".ts" => "node",
        _ => null,
    };
}
