using System.Text.Json;
using CodeMode.Abstractions.Naming;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// Finds tools across all servers by words. Names are split on camelCase and snake_case, so "conversation
/// summary" finds <c>getConversationSummary</c>; a word counts most in the tool's name, then the server's name,
/// then the tool's parameter names, then its description; rare words count more than common ones (a word in
/// every memory tool says little). Results that match every query word rank above those that match some, and
/// results scoring under 40% of the best are left out.
/// </summary>
public sealed class ToolSearch(IToolCatalog catalog)
{
    public const int DefaultLimit = 10;

    // A hit needs to say what the tool is for, not how to use it: describe does that.
    private const int SummaryLength = 100;

    // Beside a tool that matches the query well, tools scoring under this share of its score matched only part of the
    // query, or matched it weakly (in a description, or the server's name): noise an agent would read and discard.
    private const double RelevanceFloor = 0.4;

    private const double NameWeight = 10;
    private const double ServerWeight = 8;
    private const double ParameterWeight = 3;
    private const double DescriptionWeight = 2;

    // Words that carry no meaning for finding a tool; dropped unless the query has nothing else.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "to", "of", "and", "or", "for", "in", "on", "with", "by", "from", "is", "it", "that", "this", "my", "all", "tool", "about", "some", "me", "i",
    };

    private readonly object _gate = new();
    private SearchIndex? _index;

    /// <summary>The best <paramref name="limit"/> tools for <paramref name="query"/>, best first; empty when nothing matches.</summary>
    public IReadOnlyList<ToolMatch> Search(string query, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        var words = Identifiers.Words(query).Select(Stem).Distinct(StringComparer.Ordinal).ToList();
        var meaningful = words.Where(word => !StopWords.Contains(word)).ToList();
        if (meaningful.Count > 0)
        {
            words = meaningful;
        }

        if (words.Count == 0)
        {
            return [];
        }

        var phrase = string.Join(' ', words);
        var index = Index();
        var rarity = words.ToDictionary(word => word, index.Rarity, StringComparer.Ordinal);
        var hits = index.Entries
            .Select(entry => (entry, score: Score(entry, words, phrase, rarity)))
            .Where(hit => hit.score > 0)
            .ToList();
        var floor = hits.Count == 0 ? 0 : hits.Max(hit => hit.score) * RelevanceFloor;
        return [.. hits
            .Where(hit => hit.score >= floor)
            .OrderByDescending(hit => hit.score)
            .ThenBy(hit => hit.entry.Tool.Server, StringComparer.Ordinal)
            .ThenBy(hit => hit.entry.Tool.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(hit => new ToolMatch(hit.entry.Tool.Server, hit.entry.Tool.Name, hit.entry.Summary, Math.Round(hit.score, 1)))];
    }

    private static double Score(Entry entry, List<string> words, string phrase, Dictionary<string, double> rarity)
    {
        double total = 0;
        var matched = 0;
        foreach (var word in words)
        {
            var best = Math.Max(
                Math.Max(FieldScore(entry.NameWords, word, NameWeight), FieldScore(entry.ServerWords, word, ServerWeight)),
                Math.Max(FieldScore(entry.ParameterWords, word, ParameterWeight), FieldScore(entry.DescriptionWords, word, DescriptionWeight)));
            if (best > 0)
            {
                matched++;
                total += best * rarity[word];
            }
        }

        if (matched == 0)
        {
            return 0;
        }

        // The query is the tool's name ("store memory", "storeMemory"): the strongest signal there is.
        if (entry.NamePhrase == phrase)
        {
            total += 2 * NameWeight;
        }

        // Coverage dominates: a tool matching every word beats one matching a single word strongly.
        return total * matched / words.Count;
    }

    /// <summary>The weight for an exact word, half for a prefix of at least three letters ("conv" → conversation).</summary>
    private static double FieldScore(HashSet<string> field, string word, double weight)
    {
        if (field.Contains(word))
        {
            return weight;
        }

        return word.Length >= 3 && field.Any(candidate => candidate.StartsWith(word, StringComparison.Ordinal)) ? weight / 2 : 0;
    }

    /// <summary>Plural and singular meet: memories → memory, matches → match, tags → tag.</summary>
    private static string Stem(string word) => word switch
    {
        { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        { Length: > 4 } when word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) => word[..^2],
        { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };

    private SearchIndex Index()
    {
        lock (_gate)
        {
            if (_index is { } index && index.Version == catalog.Version)
            {
                return index;
            }

            var version = catalog.Version;
            _index = new SearchIndex(version, [.. catalog.Servers.SelectMany(catalog.GetTools).Select(tool => new Entry(tool))]);
            return _index;
        }
    }

    private sealed class SearchIndex(long version, List<Entry> entries)
    {
        private readonly Dictionary<string, int> _toolsWithWord = entries
            .SelectMany(entry => entry.AllWords)
            .GroupBy(word => word, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

        public long Version { get; } = version;

        public List<Entry> Entries { get; } = entries;

        /// <summary>Inverse document frequency, at least 1: a word no tool has is as rare as can be.</summary>
        public double Rarity(string word) =>
            1 + Math.Log((Entries.Count + 1.0) / (_toolsWithWord.GetValueOrDefault(word) + 1));
    }

    private sealed class Entry
    {
        public Entry(ToolDescriptor tool)
        {
            Tool = tool;
            var nameWords = Identifiers.Words(tool.Name).Select(Stem).ToList();
            NameWords = [.. nameWords];
            NamePhrase = string.Join(' ', nameWords);
            ServerWords = [.. Identifiers.Words(tool.Server).Select(Stem)];
            DescriptionWords = [.. Identifiers.Words(tool.Description).Select(Stem)];
            ParameterWords = [];
            if (SchemaDocument.TryGet(tool.InputSchema, "properties", JsonValueKind.Object, out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    ParameterWords.UnionWith(Identifiers.Words(property.Name).Select(Stem));
                }
            }

            Summary = DocText.Summary(tool.Description, SummaryLength);
            AllWords = [.. NameWords.Concat(ServerWords).Concat(ParameterWords).Concat(DescriptionWords).Distinct(StringComparer.Ordinal)];
        }

        public string[] AllWords { get; }

        public ToolDescriptor Tool { get; }

        public HashSet<string> NameWords { get; }

        public string NamePhrase { get; }

        public HashSet<string> ServerWords { get; }

        public HashSet<string> ParameterWords { get; }

        public HashSet<string> DescriptionWords { get; }

        public string Summary { get; }
    }
}
