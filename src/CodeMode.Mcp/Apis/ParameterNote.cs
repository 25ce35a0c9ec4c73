using System.Text.Json;
using CodeMode.Abstractions.Naming;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// The note written beside one property: its description, then its format and default as tags — without what the
/// declaration already says. A description made only of the property's own name ("Inbox id." for <c>inboxId</c>)
/// is left out, and so is a default the description already states ("Days back (default 60).").
/// </summary>
internal static class ParameterNote
{
    // Words that add nothing when a description is otherwise the property's name.
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "a", "an", "the", "of", "to", "for" };

    public static string Of(string name, JsonElement schema, NoteLength length = NoteLength.Whole)
    {
        if (length == NoteLength.None)
        {
            return string.Empty;
        }

        var description = DocText.OneLine(SchemaDocument.String(schema, "description"));
        if (RestatesName(description, name))
        {
            description = string.Empty;
        }
        else if (length == NoteLength.FirstSentence)
        {
            description = DocText.Summary(description);
        }

        var text = description;
        if (SchemaDocument.String(schema, "format") is { } format)
        {
            text += " @format " + format;
        }

        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("default", out var fallback) && fallback.ValueKind != JsonValueKind.Null
            && !StatesDefault(description, fallback))
        {
            text += " @default " + DocText.Literal(fallback);
        }

        return text.Trim();
    }

    private static bool RestatesName(string description, string name)
    {
        var own = Identifiers.Words(name).ToHashSet(StringComparer.Ordinal);
        var words = Identifiers.Words(description);
        return words.Count > 0 && words.All(word => own.Contains(word) || Filler.Contains(word));
    }

    // "(default 60)", "-1 = configured default": the description names the default next to its value.
    private static bool StatesDefault(string description, JsonElement fallback)
    {
        var value = fallback.ValueKind == JsonValueKind.String ? fallback.GetString()! : fallback.GetRawText();
        return value.Length > 0 && description.Contains("default", StringComparison.OrdinalIgnoreCase) && ContainsToken(description, value);
    }

    // The value as a whole token, so a default of 5 is not found in "50 per page" or "0.5".
    private static bool ContainsToken(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            var end = at + value.Length;
            var startsToken = at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '.');
            var endsToken = end == text.Length || !(char.IsLetterOrDigit(text[end]) || (text[end] == '.' && end + 1 < text.Length && char.IsDigit(text[end + 1])));
            if (startsToken && endsToken)
            {
                return true;
            }
        }

        return false;
    }
}
