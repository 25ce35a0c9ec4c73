using CodeMode.Core.Text;

namespace CodeMode.Core.Tools;

/// <summary>The closest tool names to a mistyped one, for the "did you mean" hint of a denial.</summary>
internal static class ToolNameSuggestions
{
    public static IReadOnlyList<string> Closest(string wanted, IEnumerable<string> names, int max = 3)
    {
        var target = Normalize(wanted);
        var limit = Math.Max(2, target.Length / 3);
        return names
            .Select(name => (Name: name, Normalized: Normalize(name)))
            .Select(candidate => (candidate.Name, Distance: EditDistance.Between(target, candidate.Normalized), Contains:
                target.Length >= 3 && (candidate.Normalized.Contains(target, StringComparison.Ordinal) || target.Contains(candidate.Normalized, StringComparison.Ordinal))))
            .Where(candidate => candidate.Distance <= limit || candidate.Contains)
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(candidate => candidate.Name)
            .ToList();
    }

    /// <summary>Case and separators do not count: <c>storeMemory</c> is close to <c>store_memory</c>.</summary>
    private static string Normalize(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
