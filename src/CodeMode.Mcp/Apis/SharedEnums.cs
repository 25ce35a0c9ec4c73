using System.Text.Json;
using CodeMode.Abstractions.Naming;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// The enums a server's tools repeat (the same members in several parameters, e.g. a conversation status in four
/// tools), named once for the brief listing: <c>type Status = "active" | "closed";</c> then <c>status?: Status</c>.
/// Only an enum whose name and one declaration cost fewer bytes than writing it out everywhere gets a name. Names are
/// per server and stand above its declaration: in a listing of several servers, two could each name a different enum
/// alike (the three real ones do not; MockServerApiTests checks).
/// </summary>
internal sealed class SharedEnums
{
    // Names the declarations already use for something else.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "String", "Number", "Boolean", "Object", "Array", "Record", "Promise", "Date", "Partial", "Task", "JsonNode", "JsonObject", "JsonArray",
    };

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    private SharedEnums()
    {
    }

    public static SharedEnums None { get; } = new();

    /// <summary>Name → members (<c>"a" | "b"</c>), in the order the tools first use them.</summary>
    public List<(string Name, string Members)> Declarations { get; } = [];

    public static SharedEnums Find(IEnumerable<ToolDescriptor> tools)
    {
        var uses = new Dictionary<string, (string Property, int Count)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var tool in tools)
        {
            Collect(tool.InputSchema, null, 0, uses, order);
            if (tool.OutputSchema is { } output)
            {
                Collect(output, null, 0, uses, order);
            }
        }

        var shared = new SharedEnums();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var members in order)
        {
            // An enum that starts with these members is written with their name too (Sort | "status").
            var property = uses[members].Property;
            var count = uses.Where(use => use.Key == members || use.Key.StartsWith(members + " | ", StringComparison.Ordinal)).Sum(use => use.Value.Count);
            var name = Identifiers.Pascal(property);
            var declaration = $"type {name} = {members};\n".Length;
            if (count > 1 && !Reserved.Contains(name) && (members.Length - name.Length) * count > declaration && taken.Add(name))
            {
                shared._names[members] = name;
                shared.Declarations.Add((name, members));
            }
        }

        return shared;
    }

    /// <summary>The members of an enum as the declarations write them: <c>"a" | "b"</c>.</summary>
    public static string Members(JsonElement members) =>
        string.Join(" | ", members.EnumerateArray().Select(DocText.Literal).Distinct(StringComparer.Ordinal));

    /// <summary>
    /// The name of these members, or of the named enum they extend followed by the rest (<c>Status | "all"</c>);
    /// false when neither says it shorter than the members do.
    /// </summary>
    public bool TryGetName(string members, out string name)
    {
        if (_names.TryGetValue(members, out name!))
        {
            return true;
        }

        var longest = _names.Keys
            .Where(known => members.StartsWith(known + " | ", StringComparison.Ordinal))
            .OrderByDescending(known => known.Length)
            .FirstOrDefault();
        if (longest is null)
        {
            return false;
        }

        name = _names[longest] + members[longest.Length..];
        return true;
    }

    // Properties, array items and nested objects, as far as the type writers go; $refs are not followed (a shared
    // definition is written once already).
    private static void Collect(JsonElement schema, string? property, int depth, Dictionary<string, (string Property, int Count)> uses, List<string> order)
    {
        if (depth > SchemaDocument.MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (property is not null && SchemaDocument.TryGet(schema, "enum", JsonValueKind.Array, out var members) && members.GetArrayLength() > 1)
        {
            var text = Members(members);
            if (uses.TryGetValue(text, out var use))
            {
                uses[text] = (use.Property, use.Count + 1);
            }
            else
            {
                uses[text] = (property, 1);
                order.Add(text);
            }
        }

        if (SchemaDocument.TryGet(schema, "items", JsonValueKind.Object, out var items))
        {
            Collect(items, property, depth + 1, uses, order);
        }

        if (SchemaDocument.TryGet(schema, "properties", JsonValueKind.Object, out var properties))
        {
            foreach (var child in properties.EnumerateObject())
            {
                Collect(child.Value, child.Name, depth + 1, uses, order);
            }
        }
    }
}
