using System.Text.Json;

namespace CodeMode.Mocks.Automem;

/// <summary>A typed graph edge between two memories, with the relation-specific properties that were given.</summary>
internal sealed record MemoryRelation(
    string From,
    string To,
    string Type,
    double Strength,
    IReadOnlyDictionary<string, JsonElement> Properties,
    DateTimeOffset CreatedAt);
