using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CodeMode.Mcp.Apis;

/// <summary>Text put into generated comments and literals, escaped so no description can end a comment early.</summary>
internal static partial class DocText
{
    private static readonly JsonSerializerOptions LiteralOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON/JS/TS literal of a string.</summary>
    public static string Literal(string value) => JsonSerializer.Serialize(value, LiteralOptions);

    /// <summary>A JSON literal of any schema value (enum members, consts, defaults), compact.</summary>
    public static string Literal(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? Literal(value.GetString()!)
        : JsonSerializer.Serialize(value, LiteralOptions);

    /// <summary>
    /// The lines of a description for a <c>/** */</c> or <c>///</c> comment: trimmed, blank lines dropped, and
    /// <c>*/</c> broken so a hostile description cannot close the comment and inject declarations.
    /// </summary>
    public static IEnumerable<string> CommentLines(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        foreach (var line in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                yield return trimmed.Replace("*/", "*\\/", StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A description on one line (for inline comments and parameter docs).</summary>
    public static string OneLine(string? text) => string.Join(" ", CommentLines(text));

    /// <summary>Text inside XML doc comments.</summary>
    public static string Xml(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The first sentence or line of a description, at most <paramref name="max"/> characters: what search shows.</summary>
    public static string Summary(string? text, int max = 160)
    {
        var line = OneLine(text);
        for (var end = line.IndexOf(". ", StringComparison.Ordinal); end > 0; end = line.IndexOf(". ", end + 1, StringComparison.Ordinal))
        {
            // "e.g. x" and "i.e. x" do not end a sentence.
            if (!line.AsSpan(0, end).EndsWith("e.g", StringComparison.OrdinalIgnoreCase) && !line.AsSpan(0, end).EndsWith("i.e", StringComparison.OrdinalIgnoreCase))
            {
                line = line[..(end + 1)];
                break;
            }
        }

        if (line.Length <= max)
        {
            return line;
        }

        // Cut between words when there is a space in the second half, so no word is left half-written.
        var cut = line.LastIndexOf(' ', max - 1);
        return (cut > max / 2 ? line[..cut] : line[..(max - 1)]).TrimEnd(' ', ',', ';', ':') + "…";
    }

    /// <summary>
    /// The brief listing's line for a tool: <see cref="Summary"/> written tersely, without the articles and the final full
    /// stop — words a reader restores without thinking. Text in backticks (names, values) is left as it is.
    /// </summary>
    public static string BriefSummary(string? text)
    {
        var parts = Summary(text).Split('`');
        for (var i = 0; i < parts.Length; i += 2)
        {
            parts[i] = Article().Replace(parts[i], string.Empty);
        }

        var summary = string.Join('`', parts);
        return summary.EndsWith('.') && !summary.EndsWith("..", StringComparison.Ordinal) ? summary[..^1] : summary;
    }

    // "the", "a" or "an" as a whole lower-case word before another word.
    [GeneratedRegex("""(?<![\w'"./-])(?:the|an|a) (?=[\w(])""", RegexOptions.CultureInvariant)]
    private static partial Regex Article();
}
