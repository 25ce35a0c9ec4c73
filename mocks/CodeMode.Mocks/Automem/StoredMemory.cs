using System.Text.Json;

namespace CodeMode.Mocks.Automem;

/// <summary>One memory node, immutable: the store swaps whole records, so readers never see a half-made update.</summary>
internal sealed record StoredMemory(
    string Id,
    string Content,
    IReadOnlyList<string> Tags,
    double Importance,
    string Type,
    double Confidence,
    DateTimeOffset Timestamp,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastAccessed,
    DateTimeOffset TValid,
    DateTimeOffset? TInvalid,
    JsonElement Metadata)
{
    private WordIndex? _words;

    /// <summary>The words of the content, tags and type, for relevance; built once per content/tags/type.</summary>
    public IReadOnlySet<string> Words
    {
        get
        {
            // A record copied with 'with' carries the cache along; it is rebuilt when what it was built from changed.
            var words = _words;
            if (words is null || !ReferenceEquals(words.Content, Content) || !ReferenceEquals(words.Tags, Tags) || !ReferenceEquals(words.Type, Type))
            {
                words = new WordIndex(Content, Tags, Type);
                _words = words;
            }

            return words.Words;
        }
    }

    /// <summary>Current unless invalidated (superseded, expired) — what <c>current_only</c> keeps.</summary>
    public bool IsCurrentAt(DateTimeOffset now) => TInvalid is not { } invalid || invalid > now;

    private sealed class WordIndex(string content, IReadOnlyList<string> tags, string type)
    {
        public string Content { get; } = content;

        public IReadOnlyList<string> Tags { get; } = tags;

        public string Type { get; } = type;

        public HashSet<string> Words { get; } = Keywords.Split(content)
            .Concat(tags.SelectMany(Keywords.Split))
            .Append(type.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
    }
}
