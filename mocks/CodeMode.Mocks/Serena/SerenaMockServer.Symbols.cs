using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.Serena;

/// <summary>Symbol tools, computed from Roslyn syntax trees (<see cref="CSharpSymbolParser"/>) of the current file contents.</summary>
public sealed partial class SerenaMockServer
{
    private ToolResult GetSymbolsOverview(ToolArguments args)
    {
        var path = CodeFile(args, args.RequiredString("relative_path"));
        var depth = args.Int("depth", -1);
        if (depth < 0)
        {
            depth = 0; // Serena's default: 1 for Java/Kotlin, 0 for everything else
        }

        var overview = Grouped(Symbols(path), depth, symbol => (JsonNode)symbol.Name, (symbol, children) => new JsonObject { [symbol.Name] = children });
        return Limited(args, Dumps(overview));
    }

    private ToolResult FindSymbol(ToolArguments args)
    {
        var pattern = args.String("name_path_pattern") ?? args.RequiredString("name_path");
        var depth = args.Int("depth", 0);
        var within = args.String("relative_path") is { Length: > 0 } r ? ExistingPath(args, r) : "";
        var includeBody = args.Bool("include_body", false);
        var includeInfo = args.Bool("include_info", false);
        var includeKinds = args.Array("include_kinds")?.EnumerateArray().Select(k => k.GetInt32()).ToList() ?? [];
        var excludeKinds = args.Array("exclude_kinds")?.EnumerateArray().Select(k => k.GetInt32()).ToList() ?? [];
        var substring = args.Bool("substring_matching", false);
        var maxMatches = args.Int("max_matches", -1);

        var found = AllSymbols(within)
            .Where(symbol => MatchesNamePath(symbol, pattern, substring))
            .Where(symbol => (includeKinds.Count == 0 || includeKinds.Contains(symbol.Kind)) && !excludeKinds.Contains(symbol.Kind))
            .ToList();

        if (maxMatches > 0 && found.Count > maxMatches)
        {
            var shortened = new JsonObject();
            foreach (var group in found.GroupBy(symbol => symbol.RelativePath))
            {
                shortened[group.Key] = Strings(group.Select(symbol => symbol.NamePath));
            }

            return Text($"Matched {found.Count}>max_matches={maxMatches} symbols.\nShortened result:\n{Dumps(shortened)}");
        }

        var result = new JsonArray();
        foreach (var symbol in found)
        {
            var json = Located(symbol);
            if (includeBody)
            {
                json["body"] = Body(symbol);
            }

            if (includeInfo)
            {
                json["info"] = Info(symbol);
            }

            if (depth > 0 && symbol.Children.Count > 0)
            {
                json["children"] = Children(symbol, depth);
            }

            result.Add(json);
        }

        return Limited(args, Dumps(result));
    }

    private ToolResult FindReferencingSymbols(ToolArguments args)
    {
        var target = OneSymbol(args, args.RequiredString("name_path"), args.RequiredString("relative_path"));
        var includeKinds = args.Array("include_kinds")?.EnumerateArray().Select(k => k.GetInt32()).ToList() ?? [];
        var excludeKinds = args.Array("exclude_kinds")?.EnumerateArray().Select(k => k.GetInt32()).ToList() ?? [];

        var result = new JsonObject();
        foreach (var (path, line, referencing) in References(target))
        {
            if ((includeKinds.Count > 0 && !includeKinds.Contains(referencing.Kind)) || excludeKinds.Contains(referencing.Kind))
            {
                continue;
            }

            var lines = _project.Files[path].Split('\n');
            var around = string.Join('\n', Enumerable.Range(line - 1, 3)
                .Where(l => l >= 0 && l < lines.Length)
                .Select(l => MatchLine(l, lines[l], l == line)));
            var byKind = (JsonObject)(result[path] ??= new JsonObject());
            var list = (JsonArray)(byKind[referencing.KindName] ??= new JsonArray());
            list.Add(new JsonObject
            {
                ["name_path"] = referencing.NamePath,
                ["body_location"] = Location(referencing),
                ["content_around_reference"] = around,
            });
        }

        return Limited(args, Dumps(result));
    }

    private ToolResult FindImplementations(ToolArguments args)
    {
        var target = OneSymbol(args, args.RequiredString("name_path"), args.RequiredString("relative_path"));
        var includeInfo = args.Bool("include_info", false);
        var includeKinds = args.Array("include_kinds")?.EnumerateArray().Select(k => k.GetInt32()).ToList() ?? [];
        var excludeKinds = args.Array("exclude_kinds")?.EnumerateArray().Select(k => k.GetInt32()).ToList() ?? [];

        var type = target.IsType ? target : target.Parent;
        var implementations = new List<CodeSymbol>();
        if (type is not null)
        {
            var implementers = AllSymbols("").Where(symbol => symbol.IsType && symbol != type && Implements(symbol, type.Name)).ToList();
            implementations = target.IsType
                ? implementers
                : [.. implementers.SelectMany(implementer => implementer.Children.Where(member => member.Name == target.Name && member.Kind == target.Kind))];
        }

        var result = new JsonArray();
        foreach (var symbol in implementations.Where(s => (includeKinds.Count == 0 || includeKinds.Contains(s.Kind)) && !excludeKinds.Contains(s.Kind)))
        {
            var json = Located(symbol);
            if (includeInfo)
            {
                json["info"] = Info(symbol);
            }

            result.Add(json);
        }

        return Limited(args, Dumps(result));
    }

    private ToolResult FindDeclaration(ToolArguments args)
    {
        var path = CodeFile(args, args.RequiredString("relative_path"));
        var pattern = args.RequiredString("regex");
        var content = _project.Files[path];
        var (start, end) = (0, content.Length);
        if (args.String("containing_symbol_name_path") is { } containerPath)
        {
            var container = OneSymbol(args, containerPath, path);
            var lines = content.Split('\n');
            start = lines.Take(container.StartLine).Sum(l => l.Length + 1);
            end = start + lines.Skip(container.StartLine).Take(container.EndLine - container.StartLine + 1).Sum(l => l.Length + 1);
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.Multiline, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw Fail(args, "error", e.Message);
        }

        if (regex.GetGroupNumbers().Length != 2)
        {
            throw Fail(args, "ValueError", $"The regex must contain exactly one group marking the symbol (got {regex.GetGroupNumbers().Length - 1}).");
        }

        var matches = regex.Matches(content).Where(m => m.Index >= start && m.Index < end).ToList();
        if (matches.Count != 1)
        {
            throw Fail(args, "ValueError", $"The regex must match exactly once in {path}, but matched {matches.Count} times.");
        }

        var name = Regex.Match(matches[0].Groups[1].Value, @"\w+$").Value;
        var candidates = AllSymbols("").Where(symbol => symbol.Name == name).ToList();
        var declaration = candidates.FirstOrDefault(s => s.RelativePath == path && !s.Contains(LineOf(content, matches[0].Groups[1].Index)) && s.IsType)
            ?? candidates.FirstOrDefault(s => s.IsType)
            ?? candidates.FirstOrDefault(s => s.RelativePath == path)
            ?? candidates.FirstOrDefault()
            ?? throw Fail(args, "ValueError", $"No declaration found for '{matches[0].Groups[1].Value}'.");

        var json = Located(declaration);
        if (args.Bool("include_body", false))
        {
            json["body"] = Body(declaration);
        }

        if (args.Bool("include_info", false))
        {
            json["info"] = Info(declaration);
        }

        return Text(Dumps(json));
    }

    private ToolResult GetDiagnosticsForFile(ToolArguments args)
    {
        var path = CodeFile(args, args.RequiredString("relative_path"));
        var first = Math.Max(0, args.Int("start_line", 0));
        var last = args.Int("end_line", -1);
        var minSeverity = args.Int("min_severity", 4);
        var content = _project.Files[path];
        var lines = content.Split('\n');
        var symbols = Symbols(path).SelectMany(s => s.SelfAndDescendants()).ToList();
        var diagnostics = new List<(int Severity, string Owner, JsonObject Diagnostic)>();

        // CS0219: a local assigned and never read again in its method.
        foreach (var method in symbols.Where(s => s.Kind is 6 or 9))
        {
            var body = string.Join('\n', lines[method.StartLine..(method.EndLine + 1)]);
            foreach (Match local in Regex.Matches(CSharpSymbolParser.Blank(body), @"\bvar\s+(?<name>\w+)\s*="))
            {
                var name = local.Groups["name"].Value;
                if (Regex.Matches(body, $@"\b{Regex.Escape(name)}\b").Count == 1)
                {
                    var line = method.StartLine + LineOf(body, local.Groups["name"].Index);
                    var column = lines[line].IndexOf(name, StringComparison.Ordinal);
                    diagnostics.Add((2, method.NamePath, Diagnostic($"The variable '{name}' is assigned but its value is never used", line, column, name.Length, "CS0219")));
                }
            }
        }

        // CS1513: an unclosed brace.
        var blank = CSharpSymbolParser.Blank(content);
        if (blank.Count(c => c == '{') > blank.Count(c => c == '}'))
        {
            diagnostics.Add((1, "<file>", Diagnostic("} expected", lines.Length - 1, 0, 0, "CS1513")));
        }

        var severities = new Dictionary<int, string> { [1] = "Error", [2] = "Warning", [3] = "Information", [4] = "Hint" };
        var byFile = new JsonObject();
        foreach (var (severity, owner, diagnostic) in diagnostics.OrderBy(d => d.Severity))
        {
            var line = diagnostic["range"]!["start"]!["line"]!.GetValue<int>();
            if (severity > minSeverity || line < first || (last >= 0 && line > last))
            {
                continue;
            }

            var bySeverity = (JsonObject)(byFile[severities[severity]] ??= new JsonObject());
            ((JsonArray)(bySeverity[owner] ??= new JsonArray())).Add(diagnostic);
        }

        return Limited(args, Dumps(byFile.Count == 0 ? new JsonObject() : new JsonObject { [path] = byFile }));
    }

    private ToolResult ReplaceSymbolBody(ToolArguments args)
    {
        var symbol = OneSymbol(args, args.RequiredString("name_path"), args.RequiredString("relative_path"));
        var lines = _project.Files[symbol.RelativePath].Split('\n').ToList();
        var indent = lines[symbol.StartLine][..(lines[symbol.StartLine].Length - lines[symbol.StartLine].TrimStart().Length)];
        var body = args.RequiredString("body").TrimEnd('\n').Split('\n');
        body[0] = indent + body[0].TrimStart();
        lines.RemoveRange(symbol.StartLine, symbol.EndLine - symbol.StartLine + 1);
        lines.InsertRange(symbol.StartLine, body);
        _project.Files[symbol.RelativePath] = string.Join('\n', lines);
        return Text("OK");
    }

    private ToolResult InsertAfterSymbol(ToolArguments args)
    {
        var symbol = OneSymbol(args, args.RequiredString("name_path"), args.RequiredString("relative_path"));
        var lines = _project.Files[symbol.RelativePath].Split('\n').ToList();
        var body = args.RequiredString("body").TrimEnd('\n').Split('\n').ToList();
        if (body[0].Trim().Length > 0)
        {
            body.Insert(0, "");
        }

        lines.InsertRange(symbol.EndLine + 1, body);
        _project.Files[symbol.RelativePath] = string.Join('\n', lines);
        return Text("OK");
    }

    private ToolResult InsertBeforeSymbol(ToolArguments args)
    {
        var symbol = OneSymbol(args, args.RequiredString("name_path"), args.RequiredString("relative_path"));
        var lines = _project.Files[symbol.RelativePath].Split('\n').ToList();
        var body = args.RequiredString("body").TrimEnd('\n').Split('\n').ToList();
        body.Add("");
        lines.InsertRange(symbol.StartLine, body);
        _project.Files[symbol.RelativePath] = string.Join('\n', lines);
        return Text("OK");
    }

    private ToolResult RenameSymbol(ToolArguments args)
    {
        var namePath = args.RequiredString("name_path");
        var symbol = OneSymbol(args, namePath, args.RequiredString("relative_path"));
        var newName = args.RequiredString("new_name");
        if (!Regex.IsMatch(newName, @"^[A-Za-z_]\w*$"))
        {
            throw Fail(args, "ValueError", $"'{newName}' is not a valid identifier.");
        }

        // By identifier tokens of the syntax trees (declarations and uses, never strings or comments), by name as a
        // language server without a build would do it.
        var changes = 0;
        foreach (var path in _project.Files.Keys.Where(SampleProject.IsCode).Where(p => !SampleProject.IsIgnored(p)).ToList())
        {
            var content = _project.Files[path];
            var hits = CSharpSymbolParser.IdentifierOffsets(CSharpSymbolParser.ParseTree(content), symbol.Name).ToList();
            if (hits.Count == 0)
            {
                continue;
            }

            var updated = new System.Text.StringBuilder(content);
            foreach (var index in Enumerable.Reverse(hits))
            {
                updated.Remove(index, symbol.Name.Length).Insert(index, newName);
            }

            _project.Files[path] = updated.ToString();
            changes += hits.Count;
        }

        return changes == 0
            ? throw Fail(args, "ValueError", $"Renaming '{namePath}' produced no edits.")
            : Text($"Successfully renamed '{namePath}' to '{newName}' ({changes} changes applied)");
    }

    private ToolResult SafeDeleteSymbol(ToolArguments args)
    {
        var symbol = OneSymbol(args, args.RequiredString("name_path_pattern"), args.RequiredString("relative_path"));
        var references = References(symbol).ToList();
        if (references.Count > 0)
        {
            var where = new JsonObject();
            foreach (var group in references.GroupBy(r => r.Path))
            {
                where[group.Key] = new JsonArray([.. group.Select(r => (JsonNode)r.Line).Distinct()]);
            }

            return Text($"Cannot delete, the symbol {symbol.NamePath} is referenced in: {Dumps(where)}");
        }

        var lines = _project.Files[symbol.RelativePath].Split('\n').ToList();
        var count = symbol.EndLine - symbol.StartLine + 1;
        if (symbol.EndLine + 1 < lines.Count && lines[symbol.EndLine + 1].Trim().Length == 0)
        {
            count++;
        }

        lines.RemoveRange(symbol.StartLine, count);
        _project.Files[symbol.RelativePath] = string.Join('\n', lines);
        return Text("OK");
    }

    /// <summary>The file's symbols, parsed again only when its content changed.</summary>
    private List<CodeSymbol> Symbols(string path)
    {
        var content = _project.Files[path];
        if (_symbols.TryGetValue(path, out var cached) && ReferenceEquals(cached.Content, content))
        {
            return cached.Symbols;
        }

        var symbols = CSharpSymbolParser.Parse(path, content);
        _symbols[path] = (content, symbols);
        return symbols;
    }

    /// <summary>Every symbol (nested ones included) of the code files at or below <paramref name="path"/>.</summary>
    private IEnumerable<CodeSymbol> AllSymbols(string path) =>
        _project.FilesUnder(path, skipIgnored: true).Where(SampleProject.IsCode).SelectMany(file => Symbols(file).SelectMany(s => s.SelfAndDescendants()));

    /// <summary>
    /// Serena's name-path matching: <c>name</c> matches any symbol so named; <c>Outer/name</c> must end the symbol's
    /// path; <c>/Outer/name</c> must be all of it; <c>name[1]</c> picks an overload; substring matching relaxes the last part.
    /// </summary>
    private static bool MatchesNamePath(CodeSymbol symbol, string pattern, bool substring)
    {
        var absolute = pattern.StartsWith('/');
        var parts = pattern.Trim('/').Split('/');
        var last = parts[^1];
        int? overload = null;
        if (Regex.Match(last, @"^(?<name>.*)\[(?<index>\d+)\]$") is { Success: true } indexed)
        {
            last = indexed.Groups["name"].Value;
            overload = int.Parse(indexed.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var nameMatches = substring ? symbol.Name.Contains(last, StringComparison.Ordinal) : symbol.Name == last;
        if (!nameMatches || (overload is { } o && symbol.OverloadIndex != o))
        {
            return false;
        }

        var ancestor = symbol.Parent;
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            if (ancestor is null || ancestor.Name != parts[i])
            {
                return false;
            }

            ancestor = ancestor.Parent;
        }

        return !absolute || ancestor is null;
    }

    private CodeSymbol OneSymbol(ToolArguments args, string namePath, string relativePath)
    {
        var path = CodeFile(args, relativePath);
        var found = Symbols(path).SelectMany(s => s.SelfAndDescendants()).Where(s => MatchesNamePath(s, namePath, substring: false)).ToList();
        return found.Count switch
        {
            0 => throw Fail(args, "ValueError", $"No symbol with name path '{namePath}' found in file '{path}'."),
            1 => found[0],
            _ => throw Fail(args, "ValueError",
                $"Found {found.Count} symbols with name path '{namePath}' in file '{path}': {string.Join(", ", found.Select(s => s.NamePath))}. {Disambiguation(found)}"),
        };
    }

    /// <summary>How to pick one of several matches: an overload index when they are overloads, else a fuller name path.</summary>
    private static string Disambiguation(List<CodeSymbol> found) =>
        found.All(s => s.OverloadIndex is not null && s.Parent == found[0].Parent && s.Name == found[0].Name)
            ? $"Use an overload index such as '{found[0].NamePath}'."
            : $"Use a more specific name path such as '/{found[0].NamePath}'.";

    private string CodeFile(ToolArguments args, string requested)
    {
        var path = InsideProject(args, requested);
        if (_project.IsDirectory(path) && !_project.IsFile(path))
        {
            throw Fail(args, "ValueError", $"Expected a file path, but got a directory: {requested}");
        }

        path = ExistingFile(args, requested);
        return SampleProject.IsCode(path) ? path : throw Fail(args, "ValueError", $"{path} is not a source file of a supported language (csharp).");
    }

    /// <summary>
    /// Uses of the symbol's name as an identifier in the syntax trees of the code files (declarations are not uses),
    /// each with the innermost symbol around it.
    /// </summary>
    private IEnumerable<(string Path, int Line, CodeSymbol Referencing)> References(CodeSymbol target)
    {
        foreach (var path in _project.FilesUnder("", skipIgnored: true).Where(SampleProject.IsCode))
        {
            var tree = CSharpSymbolParser.ParseTree(_project.Files[path]);
            var symbols = Symbols(path).SelectMany(s => s.SelfAndDescendants()).ToList();
            var seen = new HashSet<(int, string)>();
            foreach (var (line, _, _) in CSharpSymbolParser.Uses(tree, target.Name))
            {
                var inner = symbols.Where(s => s.Contains(line)).OrderBy(s => s.EndLine - s.StartLine).FirstOrDefault();
                if (inner is not null && seen.Add((line, inner.NamePath)))
                {
                    yield return (path, line, inner);
                }
            }
        }
    }

    private static bool Implements(CodeSymbol type, string baseName)
    {
        var colon = type.Signature.IndexOf(':');
        return colon >= 0 && Regex.IsMatch(type.Signature[(colon + 1)..], $@"\b{Regex.Escape(baseName)}\b");
    }

    private static JsonObject Located(CodeSymbol symbol) => new()
    {
        ["name_path"] = symbol.NamePath,
        ["kind"] = symbol.KindName,
        ["relative_path"] = symbol.RelativePath,
        ["body_location"] = Location(symbol),
    };

    private static JsonObject Location(CodeSymbol symbol) => new() { ["start_line"] = symbol.StartLine, ["end_line"] = symbol.EndLine };

    private string Body(CodeSymbol symbol)
    {
        var lines = _project.Files[symbol.RelativePath].Split('\n');
        return string.Join('\n', lines[symbol.StartLine..(symbol.EndLine + 1)]).TrimStart();
    }

    private static string Info(CodeSymbol symbol) =>
        symbol.Parent is { } parent ? $"{symbol.Signature}  (in {parent.NamePath}, {symbol.KindName.ToLowerInvariant()})" : symbol.Signature;

    private static JsonObject Children(CodeSymbol symbol, int depth)
    {
        var grouped = new JsonObject();
        foreach (var child in symbol.Children)
        {
            var list = (JsonArray)(grouped[child.KindName] ??= new JsonArray());
            var json = new JsonObject { ["name"] = child.PathSegment, ["body_location"] = Location(child) };
            if (depth > 1 && child.Children.Count > 0)
            {
                json["children"] = Children(child, depth - 1);
            }

            list.Add(json);
        }

        return grouped;
    }

    /// <summary>Symbols grouped by kind name; below <paramref name="depth"/>, a symbol with children becomes {name: {kind: [...]}}.</summary>
    private static JsonObject Grouped(IEnumerable<CodeSymbol> symbols, int depth, Func<CodeSymbol, JsonNode> leaf, Func<CodeSymbol, JsonObject, JsonObject> parent)
    {
        var grouped = new JsonObject();
        foreach (var symbol in symbols)
        {
            var list = (JsonArray)(grouped[symbol.KindName] ??= new JsonArray());
            list.Add(depth > 0 && symbol.Children.Count > 0
                ? parent(symbol, Grouped(symbol.Children, depth - 1, leaf, parent))
                : leaf(symbol));
        }

        return grouped;
    }

    private static JsonObject Diagnostic(string message, int line, int column, int length, string code) => new()
    {
        ["message"] = message,
        ["range"] = new JsonObject
        {
            ["start"] = new JsonObject { ["line"] = line, ["character"] = column },
            ["end"] = new JsonObject { ["line"] = line, ["character"] = column + length },
        },
        ["code"] = code,
        ["source"] = "csharp",
    };
}
