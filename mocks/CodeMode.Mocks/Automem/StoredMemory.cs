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
    /// <summary>Current unless invalidated (superseded, expired) — what <c>current_only</c> keeps.</summary>
    public bool IsCurrentAt(DateTimeOffset now) => TInvalid is not { } invalid || invalid > now;
}
