namespace CodeMode.Mocks.Automem;

/// <summary>
/// The mock's stand-in for AutoMem's vector + keyword relevance: word overlap. Words match when equal, or when one
/// is a prefix of the other and both have four letters or more ("decision" / "decisions", "deploy" / "deployed").
/// </summary>
internal static class Keywords
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "for", "on", "with", "is", "are", "was", "were", "be", "been",
        "we", "i", "my", "our", "you", "your", "what", "which", "how", "about", "from", "by", "at", "it", "its", "this",
        "that", "these", "those", "as", "do", "does", "did", "any", "all", "me", "us", "so", "but", "not", "no",
    };

    /// <summary>The distinct, lower-cased, non-stop words of <paramref name="text"/>, in order.</summary>
    public static List<string> Extract(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        foreach (var word in Split(text))
        {
            if (word.Length >= 2 && !StopWords.Contains(word) && !words.Contains(word))
            {
                words.Add(word);
            }
        }

        return words;
    }

    public static IEnumerable<string> Split(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    public static bool Matches(string keyword, string word) =>
        keyword == word ||
        (keyword.Length >= 4 && word.Length >= 4 && (word.StartsWith(keyword, StringComparison.Ordinal) || keyword.StartsWith(word, StringComparison.Ordinal)));
}
