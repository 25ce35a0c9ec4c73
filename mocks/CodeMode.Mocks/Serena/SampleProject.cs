namespace CodeMode.Mocks.Serena;

/// <summary>
/// The project Serena's mock works on: a tiny C# order service held in memory (files by relative path, plus the
/// project's memories). Edits change this copy only. One lock guards it; every tool call reads a consistent state.
/// </summary>
internal sealed class SampleProject
{
    public const string Name = "sample-shop";
    public const string Root = "/workspace/sample-shop";

    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _memories = new(StringComparer.Ordinal);

    public SampleProject()
    {
        foreach (var (path, content) in SampleFiles.All)
        {
            _files[path] = content;
        }

        _memories["project_overview"] = "# Sample Shop\nAn order service: `Order` (src/Shop/Models) is placed by `OrderService` (src/Shop/Services),\npriced by `PriceCalculator` and stored through `IOrderRepository`.\nSee also mem:suggested_commands.\n";
        _memories["suggested_commands"] = "# Suggested commands\n- `dotnet build`\n- `dotnet test tests/Shop.Tests`\n";
    }

    public Lock Gate { get; } = new();

    /// <summary>Files by relative path ('/'-separated, no leading slash), sorted.</summary>
    public SortedDictionary<string, string> Files => _files;

    /// <summary>Memories by name (no <c>.md</c>), sorted.</summary>
    public SortedDictionary<string, string> Memories => _memories;

    public static string Absolute(string relativePath) => relativePath is "" or "." ? Root : $"{Root}/{relativePath}";

    /// <summary>Normalizes a relative path; null when it leaves the project (absolute, or climbing above the root).</summary>
    public static string? Normalize(string path)
    {
        var p = path.Replace('\\', '/').Trim();
        if (p.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            p = p[(Root.Length + 1)..];
        }
        else if (p == Root)
        {
            return "";
        }

        if (p.StartsWith('/'))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var part in p.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    public bool IsFile(string path) => _files.ContainsKey(path);

    public bool IsDirectory(string path) => path == "" || _files.Keys.Any(file => file.StartsWith(path + "/", StringComparison.Ordinal));

    /// <summary>Ignored the way the project's .gitignore says (bin/, obj/, *.user).</summary>
    public static bool IsIgnored(string path)
    {
        var parts = path.Split('/');
        return parts[..^1].Any(dir => dir is "bin" or "obj") || path.EndsWith(".user", StringComparison.Ordinal);
    }

    public static bool IsCode(string path) => path.EndsWith(".cs", StringComparison.Ordinal);

    /// <summary>Files at or below <paramref name="path"/> (a file or a directory).</summary>
    public IEnumerable<string> FilesUnder(string path, bool skipIgnored) =>
        _files.Keys.Where(file => (path == "" || file == path || file.StartsWith(path + "/", StringComparison.Ordinal)) && !(skipIgnored && IsIgnored(file)));
}
