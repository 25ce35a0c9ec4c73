using System.Text;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// Splits names and prose into lower-case words: on anything not a letter or digit, on camelCase humps and on
/// letter/digit boundaries, so <c>getConversationSummary</c>, <c>get_conversation_summary</c> and
/// "get the conversation summary" share words.
/// </summary>
internal static class WordSplitter
{
    public static List<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(current, words);
                continue;
            }

            if (current.Length > 0)
            {
                var previous = text[i - 1];
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                var hump = char.IsUpper(c) && (char.IsLower(previous) || (char.IsUpper(previous) && char.IsLower(next)));
                var digitEdge = char.IsDigit(c) != char.IsDigit(previous);
                if (hump || digitEdge)
                {
                    Flush(current, words);
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(current, words);
        return words;
    }

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
