using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tests.Security;

/// <summary>
/// A catalog with one server, <c>notes</c>: <c>search</c> (read-only; query string required, limit integer 1-50,
/// no other properties), <c>purge</c> (destructive), <c>rename</c> (no annotations), <c>archive</c> (destructiveHint false).
/// </summary>
internal sealed class FixedToolCatalog : IToolCatalog
{
    public const string SearchSchema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "query": { "type": "string", "minLength": 1 },
            "limit": { "type": "integer", "minimum": 1, "maximum": 50 },
            "tags": { "type": "array", "items": { "type": "string" } },
            "since": { "type": "string" }
          },
          "required": ["query"],
          "additionalProperties": false
        }
        """;

    private readonly Dictionary<string, ToolDescriptor> _tools;

    public FixedToolCatalog(string searchSchema = SearchSchema)
    {
        var empty = JsonElement.Parse("""{"type":"object"}""");
        _tools = new Dictionary<string, ToolDescriptor>(StringComparer.Ordinal)
        {
            ["search"] = new("notes", "search", "Finds notes.", JsonElement.Parse(searchSchema), Annotations: new ToolAnnotations(ReadOnlyHint: true)),
            ["purge"] = new("notes", "purge", "Deletes all notes.", empty, Annotations: new ToolAnnotations(DestructiveHint: true)),
            ["rename"] = new("notes", "rename", "Renames a note.", empty),
            ["archive"] = new("notes", "archive", "Archives a note.", empty, Annotations: new ToolAnnotations(ReadOnlyHint: false, DestructiveHint: false)),
        };
    }

    public long Version => 1;

    public IReadOnlyList<string> Servers => ["notes"];

    public IReadOnlyList<ToolDescriptor> GetTools(string server) => server == "notes" ? [.. _tools.Values] : [];

    public bool TryGetTool(string server, string tool, out ToolDescriptor descriptor)
    {
        if (server == "notes" && _tools.TryGetValue(tool, out var found))
        {
            descriptor = found;
            return true;
        }

        descriptor = null!;
        return false;
    }
}
