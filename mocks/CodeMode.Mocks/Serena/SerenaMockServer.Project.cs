using System.Text.Json.Nodes;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.Serena;

/// <summary>Project, configuration and shell tools.</summary>
public sealed partial class SerenaMockServer
{
    private const string Version = "1.7.1";

    private ToolResult ExecuteShellCommand(ToolArguments args)
    {
        var command = args.RequiredString("command").Trim();
        var cwd = args.String("cwd") is { } dir ? ExistingDirectory(args, dir) : "";
        var captureStderr = args.Bool("capture_stderr", true);
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (stdout, code, stderr) = parts.FirstOrDefault() switch
        {
            "pwd" => (SampleProject.Absolute(cwd) + "\n", 0, ""),
            "echo" => (string.Join(' ', parts.Skip(1)) + "\n", 0, ""),
            "ls" => List(cwd, parts.Skip(1).FirstOrDefault()),
            "cat" when parts.Length > 1 => Concatenate(cwd, parts[1..]),
            _ => ("", 127, $"{parts.FirstOrDefault() ?? command}: not available in the Serena mock: the project lives in memory and there is no shell (supported: pwd, ls, cat, echo)\n"),
        };

        // Serena returns the pydantic model as JSON; stderr is null when not captured.
        return Limited(args, Dumps(new JsonObject
        {
            ["stdout"] = stdout,
            ["return_code"] = code,
            ["cwd"] = SampleProject.Absolute(cwd),
            ["stderr"] = captureStderr ? stderr : null,
        }));
    }

    private (string, int, string) List(string cwd, string? target)
    {
        var path = SampleProject.Normalize(target is null ? cwd : cwd.Length == 0 ? target : $"{cwd}/{target}");
        if (path is null || !_project.IsDirectory(path))
        {
            return ("", 2, $"ls: cannot access '{target}': No such file or directory\n");
        }

        var entries = _project.FilesUnder(path, skipIgnored: false)
            .Select(file => (path.Length == 0 ? file : file[(path.Length + 1)..]).Split('/')[0])
            .Distinct()
            .Order(StringComparer.Ordinal);
        return (string.Join('\n', entries) + "\n", 0, "");
    }

    private (string, int, string) Concatenate(string cwd, string[] targets)
    {
        var output = new System.Text.StringBuilder();
        foreach (var target in targets)
        {
            var path = SampleProject.Normalize(cwd.Length == 0 ? target : $"{cwd}/{target}");
            if (path is null || !_project.IsFile(path))
            {
                return (output.ToString(), 1, $"cat: {target}: No such file or directory\n");
            }

            output.Append(_project.Files[path]);
        }

        return (output.ToString(), 0, "");
    }

    private ToolResult ActivateProject(ToolArguments args)
    {
        var project = args.RequiredString("project").TrimEnd('/');
        if (project != SampleProject.Name && project != SampleProject.Root)
        {
            throw Fail(args, "ProjectNotFoundError",
                $"Project '{project}' not found: Not a valid project name or directory. Existing project names: ['{SampleProject.Name}']");
        }

        return Text(
            $"The project with name '{SampleProject.Name}' at {SampleProject.Root} is activated.\n" +
            "Active language servers: csharp.\n" +
            "File encoding: utf-8.\n" +
            Dumps(new JsonObject { ["memories"] = Strings(_project.Memories.Keys) }) + "\n" +
            "Use the `read_memory` tool to read these memories later if they are relevant to the task.\n\n" +
            "IMPORTANT: If you have not yet read the 'Serena Instructions Manual', do it now before continuing!");
    }

    private ToolResult GetCurrentConfig(ToolArguments args) => Text(
        "Current configuration:\n" +
        $"Serena version: {Version}\n" +
        "Loglevel: 20, trace_lsp_communication=False\n" +
        $"Active project: {SampleProject.Name}\n" +
        "Language backend: LSP (global default: LSP)\n" +
        "Available projects:\n" +
        $"{SampleProject.Name}\n" +
        "Active context: desktop-app\n" +
        "Active modes: interactive, editing\n\n" +
        "Active tools (after all exclusions from the project, context, and modes):\n  " +
        string.Join("\n  ", Tools.Select(tool => tool.Name)) + "\n" +
        "Available but not active tools:\n  (the optional tools are not part of this mock)");

    private ToolResult Onboarding(ToolArguments args) => Text(
        "You are viewing the project for the first time.\n" +
        "Your task is to assemble relevant high-level information about the project which\n" +
        "will be saved to memory files in the following steps.\n" +
        "The information should be sufficient to understand what the project is about,\n" +
        "and the most important commands for developing code.\n\n" +
        "You need to identify at least the following information:\n" +
        "* the project's purpose;\n" +
        "* the tech stack used;\n" +
        "* the code style and conventions used (including naming, type hints, docstrings, etc.);\n" +
        "* which commands to run when a task is completed (linting, formatting, testing, etc.);\n" +
        "* the rough structure of the codebase;\n" +
        "* the commands for testing, formatting, and linting;\n" +
        "* the commands for running the entrypoints of the project.\n\n" +
        "Read only the necessary files and directories (use list_dir, get_symbols_overview and read_file), then call\n" +
        "`write_memory` once per topic, e.g. `project_overview`, `suggested_commands`, `style_and_conventions`.");

    private ToolResult InitialInstructions(ToolArguments args) => Text(
        "You are a professional coding agent concerned with one particular codebase. You have access to semantic coding tools\n" +
        "on which you rely heavily for all your work, as well as collection of memory files containing general information\n" +
        "about the codebase.\n\n" +
        "I WILL BE SERIOUSLY UPSET IF YOU READ ENTIRE FILES WITHOUT NEED!\n" +
        "Use get_symbols_overview to understand a file's structure, then find_symbol with include_body for the symbols you need.\n" +
        "Use find_referencing_symbols to see where a symbol is used and search_for_pattern when you do not know names.\n" +
        "Edit with replace_symbol_body, insert_after_symbol and insert_before_symbol for whole symbols, and\n" +
        "replace_content for small changes inside a symbol.\n\n" +
        $"The active project is '{SampleProject.Name}' at {SampleProject.Root} (language: csharp).\n" +
        "Memories: " + string.Join(", ", _project.Memories.Keys) + ".");
}
