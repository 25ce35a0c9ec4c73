using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.Serena;

/// <summary>Memory tools: markdown notes by name, '/' for topics, 'global/' for cross-project ones; kept in memory.</summary>
public sealed partial class SerenaMockServer
{
    private ToolResult WriteMemory(ToolArguments args)
    {
        var name = MemoryName(args, args.RequiredString("memory_name"));
        var content = args.RequiredString("content");
        var max = args.Int("max_chars", -1);
        if (max <= 0)
        {
            max = DefaultMaxAnswerChars;
        }

        if (content.Length > max)
        {
            throw Fail(args, "ValueError", $"Content for {name} is too long. Max length is {max} characters. Please make the content shorter.");
        }

        _project.Memories[name] = content;
        return Text($"Memory {name} written.");
    }

    private ToolResult ReadMemory(ToolArguments args)
    {
        var name = MemoryName(args, args.RequiredString("memory_name"));
        return _project.Memories.TryGetValue(name, out var content)
            ? Text(content)
            : throw Fail(args, "FileNotFoundError", $"Memory named '{name}' not found");
    }

    private ToolResult ListMemories(ToolArguments args)
    {
        var topic = (args.String("topic") ?? "").Trim('/');
        var names = _project.Memories.Keys
            .Where(name => topic.Length == 0 || name == topic || name.StartsWith(topic + "/", StringComparison.Ordinal))
            .OrderBy(name => name.StartsWith("global/", StringComparison.Ordinal))
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
        return Text(Dumps(names.Count == 0 ? new JsonObject() : new JsonObject { ["memories"] = Strings(names) }));
    }

    private ToolResult DeleteMemory(ToolArguments args)
    {
        var name = MemoryName(args, args.RequiredString("memory_name"));
        return Text(_project.Memories.Remove(name) ? $"Memory {name} deleted." : $"Memory {name} not found.");
    }

    private ToolResult RenameMemory(ToolArguments args)
    {
        var oldName = MemoryName(args, args.RequiredString("old_name"));
        var newName = MemoryName(args, args.RequiredString("new_name"));
        if (!_project.Memories.Remove(oldName, out var content))
        {
            throw Fail(args, "FileNotFoundError", $"Memory named '{oldName}' not found");
        }

        if (_project.Memories.ContainsKey(newName))
        {
            _project.Memories[oldName] = content;
            throw Fail(args, "FileExistsError", $"Memory named '{newName}' already exists");
        }

        _project.Memories[newName] = content;

        // Other memories link with mem:<name>; keep those links working.
        var reference = new Regex($@"\bmem:{Regex.Escape(oldName)}\b");
        foreach (var key in _project.Memories.Keys.ToList())
        {
            _project.Memories[key] = reference.Replace(_project.Memories[key], "mem:" + newName);
        }

        return Text($"Memory renamed from {oldName} to {newName}.");
    }

    private ToolResult EditMemory(ToolArguments args)
    {
        var name = MemoryName(args, args.RequiredString("memory_name"));
        if (!_project.Memories.TryGetValue(name, out var content))
        {
            throw Fail(args, "FileNotFoundError", $"Memory named '{name}' not found");
        }

        var mode = args.RequiredString("mode");
        var regex = Pattern(args, args.RequiredString("needle"), mode);
        var matches = regex.Matches(content).Count;
        if (matches == 0)
        {
            throw Fail(args, "ValueError", $"Error: No matches of search expression found in memory '{name}'.");
        }

        if (matches > 1 && !args.Bool("allow_multiple_occurrences", false))
        {
            throw Fail(args, "ValueError",
                $"Expression matches {matches} occurrences in memory '{name}'. Please revise the expression to be more specific or enable allow_multiple_occurrences if this is expected.");
        }

        _project.Memories[name] = regex.Replace(content, Replacement(args.RequiredString("repl"), mode));
        return Text($"Memory {name} edited successfully.");
    }

    private static string MemoryName(ToolArguments args, string name)
    {
        var trimmed = name.Trim().Trim('/');
        if (trimmed.EndsWith(".md", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^3];
        }

        if (trimmed.Length == 0 || trimmed.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw Fail(args, "ValueError", $"Invalid memory name '{name}'.");
        }

        return trimmed;
    }
}
