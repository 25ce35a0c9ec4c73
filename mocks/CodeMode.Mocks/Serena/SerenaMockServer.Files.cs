using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.Serena;

/// <summary>File tools: read, create, list, find, search and replace over the in-memory project.</summary>
public sealed partial class SerenaMockServer
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private ToolResult ReadFile(ToolArguments args)
    {
        var path = ExistingFile(args, args.RequiredString("relative_path"));
        var lines = _project.Files[path].Split('\n');
        var start = Math.Max(0, args.Int("start_line", 0));
        var end = args.Int("end_line") is { } e ? Math.Min(e, lines.Length - 1) : lines.Length - 1;
        var selected = start > end ? [] : lines[start..(end + 1)];
        return Limited(args, string.Join('\n', selected));
    }

    private ToolResult CreateTextFile(ToolArguments args)
    {
        var path = InsideProject(args, args.RequiredString("relative_path"));
        if (_project.IsDirectory(path) && path != "" && !_project.IsFile(path))
        {
            throw Fail(args, "IsADirectoryError", $"[Errno 21] Is a directory: '{SampleProject.Absolute(path)}'");
        }

        var existed = _project.IsFile(path);
        _project.Files[path] = args.RequiredString("content");
        return Text($"File created: {path}." + (existed ? " Overwrote existing file." : ""));
    }

    private ToolResult ListDir(ToolArguments args)
    {
        var requested = args.RequiredString("relative_path");
        var recursive = args.Bool("recursive") ?? false;
        var skipIgnored = args.Bool("skip_ignored_files", false);
        var path = SampleProject.Normalize(requested);
        if (path is null || !_project.IsDirectory(path))
        {
            return Text(Dumps(new JsonObject
            {
                ["error"] = $"Directory not found: {requested}",
                ["project_root"] = SampleProject.Root,
                ["hint"] = "Check if the path is correct relative to the project root",
            }));
        }

        var dirs = new SortedSet<string>(StringComparer.Ordinal);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in _project.FilesUnder(path, skipIgnored))
        {
            var rest = path == "" ? file : file[(path.Length + 1)..];
            var parts = rest.Split('/');
            var prefix = path == "" ? "" : path + "/";
            var depth = recursive ? parts.Length - 1 : Math.Min(1, parts.Length - 1);
            for (var i = 0; i < depth; i++)
            {
                dirs.Add(prefix + string.Join('/', parts[..(i + 1)]));
            }

            if (recursive || parts.Length == 1)
            {
                files.Add(file);
            }
        }

        return Limited(args, Dumps(new JsonObject { ["dirs"] = Strings(dirs), ["files"] = Strings(files) }));
    }

    private ToolResult FindFile(ToolArguments args)
    {
        var mask = args.RequiredString("file_mask");
        var path = ExistingDirectory(args, args.RequiredString("relative_path"));
        var found = _project.FilesUnder(path, skipIgnored: true).Where(file => Glob.MatchesName(mask, file[(file.LastIndexOf('/') + 1)..]));
        return Text(Dumps(new JsonObject { ["files"] = Strings(found) }));
    }

    private ToolResult ReplaceContent(ToolArguments args)
    {
        var path = ExistingFile(args, args.RequiredString("relative_path"));
        var regex = Pattern(args, args.RequiredString("needle"), args.RequiredString("mode"));
        var content = _project.Files[path];
        var matches = regex.Matches(content);
        if (matches.Count == 0)
        {
            throw Fail(args, "ValueError", $"Error: No matches of search expression found in file '{path}'.");
        }

        if (matches.Count > 1 && !args.Bool("allow_multiple_occurrences", false))
        {
            throw Fail(args, "ValueError",
                $"Expression matches {matches.Count} occurrences in file '{path}'. Please revise the expression to be more specific or enable allow_multiple_occurrences if this is expected.");
        }

        _project.Files[path] = regex.Replace(content, Replacement(args.RequiredString("repl"), args.RequiredString("mode")));
        return Text("OK");
    }

    private ToolResult ReplaceInFiles(ToolArguments args)
    {
        var mode = args.RequiredString("mode");
        var regex = Pattern(args, args.RequiredString("needle"), mode);
        var replacement = Replacement(args.RequiredString("repl"), mode);
        var root = args.String("relative_path") is { Length: > 0 } r ? ExistingPath(args, r) : "";
        var include = args.String("paths_include_glob") ?? "";
        var exclude = args.String("paths_exclude_glob") ?? "";
        var dryRun = args.Bool("dry_run", false);
        var wanted = args.StringArray("occurrence_ids");
        var expected = args.Int("expected_count", -1);

        var occurrences = new List<(string Path, int Index, Match Match, string Id, int Line)>();
        foreach (var path in _project.FilesUnder(root, skipIgnored: true))
        {
            if ((include.Length > 0 && !Glob.Matches(include, path)) || (exclude.Length > 0 && Glob.Matches(exclude, path)))
            {
                continue;
            }

            var content = _project.Files[path];
            var index = 0;
            foreach (Match match in regex.Matches(content))
            {
                var digest = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(match.Value)))[..8];
                occurrences.Add((path, index, match, $"{path}:{index}@{digest}", LineOf(content, match.Index)));
                index++;
            }
        }

        if (wanted is { Count: > 0 })
        {
            var stale = wanted.Where(id => occurrences.All(o => o.Id != id)).ToList();
            if (stale.Count > 0)
            {
                throw Fail(args, "ValueError", $"Unknown or stale occurrence ids: {string.Join(", ", stale)}. Run a dry run again to get current ids.");
            }

            occurrences = [.. occurrences.Where(o => wanted.Contains(o.Id))];
        }

        if (occurrences.Count == 0)
        {
            throw Fail(args, "ValueError", "No matches of the search expression found in the selected files.");
        }

        if (expected >= 0 && occurrences.Count != expected)
        {
            throw Fail(args, "ValueError", $"Expected {expected} occurrence(s) but found {occurrences.Count}; nothing was changed.");
        }

        var byFile = occurrences.GroupBy(o => o.Path).ToList();
        var text = new StringBuilder();
        if (dryRun)
        {
            text.Append($"Found {occurrences.Count} occurrence(s) in {byFile.Count} file(s). DRY RUN - no changes were applied.\n");
            foreach (var file in byFile)
            {
                text.Append($"\n{file.Key} ({file.Count()} occurrence(s)):\n");
                foreach (var o in file)
                {
                    text.Append($"  [{o.Id}] line {o.Line}:\n    - {o.Match.Value.Replace("\n", "\\n")}\n    + {o.Match.Result(replacement).Replace("\n", "\\n")}\n");
                }
            }

            return Limited(args, text.ToString().TrimEnd('\n'));
        }

        text.Append($"Replaced {occurrences.Count} occurrence(s) in {byFile.Count} file(s):");
        foreach (var file in byFile)
        {
            var content = _project.Files[file.Key];
            var builder = new StringBuilder();
            var position = 0;
            foreach (var o in file.OrderBy(o => o.Match.Index))
            {
                builder.Append(content, position, o.Match.Index - position).Append(o.Match.Result(replacement));
                position = o.Match.Index + o.Match.Length;
            }

            builder.Append(content, position, content.Length - position);
            _project.Files[file.Key] = builder.ToString();
            text.Append($"\n  {file.Key}: {file.Count()}");
        }

        return Limited(args, text.ToString());
    }

    private ToolResult SearchForPattern(ToolArguments args)
    {
        var pattern = args.RequiredString("substring_pattern");
        var before = Math.Max(0, args.Int("context_lines_before", 0));
        var after = Math.Max(0, args.Int("context_lines_after", 0));
        var include = args.String("paths_include_glob") ?? "";
        var exclude = args.String("paths_exclude_glob") ?? "";
        var root = args.String("relative_path") is { Length: > 0 } r ? ExistingPath(args, r) : "";
        var codeOnly = args.Bool("restrict_search_to_code_files", false);
        var skipIgnored = args.Bool("skip_ignored_files", true);
        var options = RegexOptions.Multiline | (args.Bool("multiline", true) ? RegexOptions.Singleline : RegexOptions.None);
        Regex regex;
        try
        {
            regex = new Regex(pattern, options, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw Fail(args, "error", e.Message);
        }

        var result = new JsonObject();
        foreach (var path in _project.FilesUnder(root, skipIgnored))
        {
            if ((codeOnly && !SampleProject.IsCode(path)) ||
                (include.Length > 0 && !Glob.Matches(include, path)) ||
                (exclude.Length > 0 && Glob.Matches(exclude, path)))
            {
                continue;
            }

            var content = _project.Files[path];
            var lines = content.Split('\n');
            var blocks = new List<string>();
            try
            {
                foreach (Match match in regex.Matches(content))
                {
                    if (match.Length == 0)
                    {
                        continue;
                    }

                    var first = LineOf(content, match.Index);
                    var last = LineOf(content, match.Index + match.Length - 1);
                    var block = new StringBuilder();
                    for (var line = Math.Max(0, first - before); line <= Math.Min(lines.Length - 1, last + after); line++)
                    {
                        block.Append(block.Length > 0 ? "\n" : "").Append(MatchLine(line, lines[line], line >= first && line <= last));
                    }

                    var text = block.ToString();
                    if (!blocks.Contains(text))
                    {
                        blocks.Add(text);
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                throw Fail(args, "TimeoutError", $"The pattern took too long on '{path}'; simplify it.");
            }

            if (blocks.Count > 0)
            {
                result[path] = Strings(blocks);
            }
        }

        return Limited(args, Dumps(result));
    }

    /// <summary>Serena's match-line format: '  >' for matched lines, '...' for context, 0-based number right-aligned to 4.</summary>
    internal static string MatchLine(int line, string text, bool matched) => (matched ? "  >" : "...") + line.ToString().PadLeft(4) + ":" + text;

    internal static int LineOf(string content, int index)
    {
        var line = 0;
        for (var i = 0; i < index && i < content.Length; i++)
        {
            if (content[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static Regex Pattern(ToolArguments args, string needle, string mode)
    {
        try
        {
            return mode == "regex"
                ? new Regex(needle, RegexOptions.Multiline | RegexOptions.Singleline, RegexTimeout)
                : new Regex(Regex.Escape(needle), RegexOptions.None, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw Fail(args, "error", e.Message);
        }
    }

    /// <summary>Serena's replacement syntax: literal text, with <c>$!1</c> for regex groups in regex mode.</summary>
    private static string Replacement(string repl, string mode)
    {
        var escaped = repl.Replace("$", "$$", StringComparison.Ordinal);
        return mode == "regex" ? Regex.Replace(escaped, @"\$\$!(\d+)", "$${$1}") : escaped;
    }

    private static string InsideProject(ToolArguments args, string requested) =>
        SampleProject.Normalize(requested) ?? throw Fail(args, "ValueError", $"relative_path='{requested}' points outside of the project root {SampleProject.Root}");

    private string ExistingFile(ToolArguments args, string requested)
    {
        var path = InsideProject(args, requested);
        if (_project.IsFile(path))
        {
            if (SampleProject.IsIgnored(path))
            {
                throw Fail(args, "ValueError", $"Path {path} is ignored by the project's .gitignore; refusing to access it.");
            }

            return path;
        }

        if (_project.IsDirectory(path))
        {
            throw Fail(args, "IsADirectoryError", $"[Errno 21] Is a directory: '{SampleProject.Absolute(path)}'");
        }

        throw Fail(args, "FileNotFoundError", $"[Errno 2] No such file or directory: '{SampleProject.Absolute(path)}'");
    }

    private string ExistingDirectory(ToolArguments args, string requested)
    {
        var path = InsideProject(args, requested);
        return _project.IsDirectory(path) ? path : throw Fail(args, "FileNotFoundError", $"[Errno 2] No such file or directory: '{SampleProject.Absolute(path)}'");
    }

    private string ExistingPath(ToolArguments args, string requested)
    {
        var path = InsideProject(args, requested);
        return _project.IsFile(path) || _project.IsDirectory(path)
            ? path
            : throw Fail(args, "FileNotFoundError", $"[Errno 2] No such file or directory: '{SampleProject.Absolute(path)}'");
    }
}
