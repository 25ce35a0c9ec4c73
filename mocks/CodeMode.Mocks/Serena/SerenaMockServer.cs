using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.Serena;

/// <summary>
/// The Serena mock (oraios/serena 1.7, default context and modes: the 29 default-enabled tools) over a tiny C# project
/// held in memory (<see cref="SampleProject"/>), active from the start as if launched with <c>--project</c>. Answers
/// follow Serena's conventions: one text block, JSON written like Python's <c>json.dumps</c>, 0-based lines, symbols
/// grouped by LSP kind. Edits change the in-memory copy. Failures are <c>isError</c> results worded
/// "Error executing tool &lt;name&gt;: &lt;Exception&gt;: &lt;message&gt;", pydantic-style for bad arguments.
/// </summary>
/// <remarks>
/// Answers are text only, as in the <c>claude-code</c> context (<c>structured_tool_output: false</c>): the script then
/// receives the parsed JSON rather than a <c>{result: "..."}</c> wrapper.
/// </remarks>
public sealed partial class SerenaMockServer : MockServer
{
    /// <summary>Serena's default <c>max_answer_chars</c> when a call passes -1.</summary>
    internal const int DefaultMaxAnswerChars = 150_000;

    private readonly SampleProject _project = new();

    // Parsed symbols by file, with the content they were parsed from (guarded by the project's lock).
    private readonly Dictionary<string, (string Content, List<CodeSymbol> Symbols)> _symbols = new(StringComparer.Ordinal);

    public SerenaMockServer()
        : base("serena")
    {
        Handle("read_file", ReadFile);
        Handle("create_text_file", CreateTextFile);
        Handle("list_dir", ListDir);
        Handle("find_file", FindFile);
        Handle("replace_content", ReplaceContent);
        Handle("replace_in_files", ReplaceInFiles);
        Handle("search_for_pattern", SearchForPattern);
        Handle("get_symbols_overview", GetSymbolsOverview);
        Handle("find_symbol", FindSymbol);
        Handle("find_referencing_symbols", FindReferencingSymbols);
        Handle("find_implementations", FindImplementations);
        Handle("find_declaration", FindDeclaration);
        Handle("get_diagnostics_for_file", GetDiagnosticsForFile);
        Handle("replace_symbol_body", ReplaceSymbolBody);
        Handle("insert_after_symbol", InsertAfterSymbol);
        Handle("insert_before_symbol", InsertBeforeSymbol);
        Handle("rename_symbol", RenameSymbol);
        Handle("safe_delete_symbol", SafeDeleteSymbol);
        Handle("write_memory", WriteMemory);
        Handle("read_memory", ReadMemory);
        Handle("list_memories", ListMemories);
        Handle("delete_memory", DeleteMemory);
        Handle("rename_memory", RenameMemory);
        Handle("edit_memory", EditMemory);
        Handle("execute_shell_command", ExecuteShellCommand);
        Handle("activate_project", ActivateProject);
        Handle("get_current_config", GetCurrentConfig);
        Handle("onboarding", Onboarding);
        Handle("initial_instructions", InitialInstructions);
        CompleteRegistration();
    }

    private new void Handle(string tool, MockToolHandler handler) =>
        base.Handle(tool, args =>
        {
            // One project, many concurrent executions: each tool call sees and leaves a consistent state.
            lock (_project.Gate)
            {
                return handler(args);
            }
        });

    private protected override ToolResult? CheckArguments(ToolDescriptor tool, JsonElement arguments)
    {
        var issues = SchemaArgumentChecker.Check(tool.InputSchema, arguments);

        // find_symbol also accepts the older name 'name_path' for name_path_pattern.
        if (tool.Name == "find_symbol" && arguments.TryGetProperty("name_path", out _))
        {
            issues.RemoveAll(issue => issue.Field == "name_path_pattern" && issue.Kind == ArgumentIssueKind.Missing);
        }

        return issues.Count == 0 ? null : ArgumentError(tool.Name, arguments, issues);
    }

    /// <summary>pydantic's validation error, as FastMCP reports it.</summary>
    private protected override ToolResult ArgumentError(string tool, JsonElement arguments, IReadOnlyList<ArgumentIssue> issues)
    {
        var text = new System.Text.StringBuilder($"Error executing tool {tool}: {issues.Count} validation error{(issues.Count == 1 ? "" : "s")} for applyArguments");
        foreach (var issue in issues)
        {
            var input = issue.Kind == ArgumentIssueKind.Missing ? arguments : issue.Actual ?? arguments;
            var (message, type) = issue.Kind switch
            {
                ArgumentIssueKind.Missing => ("Field required", "missing"),
                ArgumentIssueKind.NotInEnum => ($"Input should be {string.Join(" or ", issue.Allowed!.Select(a => $"'{a}'"))}", "literal_error"),
                ArgumentIssueKind.WrongType => issue.Expected switch
                {
                    "integer" when input.ValueKind == JsonValueKind.Number => ("Input should be a valid integer, got a number with a fractional part", "int_from_float"),
                    "integer" => ("Input should be a valid integer", "int_type"),
                    "number" => ("Input should be a valid number", "float_type"),
                    "boolean" => ("Input should be a valid boolean", "bool_type"),
                    "array" => ("Input should be a valid list", "list_type"),
                    "object" => ("Input should be a valid dictionary", "dict_type"),
                    _ => ("Input should be a valid string", "string_type"),
                },
                ArgumentIssueKind.NotAllowed => ("Extra inputs are not permitted", "extra_forbidden"),
                _ => ("Input is invalid", "value_error"),
            };
            text.Append('\n').Append(issue.Field)
                .Append("\n  ").Append(message)
                .Append(" [type=").Append(type).Append(", input_value=").Append(PythonRepr.Of(input))
                .Append(", input_type=").Append(PythonRepr.TypeName(input)).Append(']');
        }

        return ToolResult.Text(text.ToString(), isError: true);
    }

    private protected override ToolResult UnknownTool(string tool) =>
        ToolResult.Text($"Error executing tool {tool}: Tool '{tool}' is not active. Active tools: [{string.Join(", ", Tools.Select(t => $"'{t.Name}'"))}]", isError: true);

    private static MockToolException Fail(ToolArguments args, string exception, string message) =>
        new(ToolResult.Text($"Error executing tool {args.Tool}: {exception}: {message}", isError: true));

    private static ToolResult Text(string text) => ToolResult.Text(text);

    /// <summary>Serena's answer-length guard: -1 means the configured default.</summary>
    private static ToolResult Limited(ToolArguments args, string answer, string argument = "max_answer_chars")
    {
        var max = args.Int(argument, -1);
        if (max <= 0)
        {
            max = DefaultMaxAnswerChars;
        }

        return answer.Length > max
            ? Text($"The answer is too long ({answer.Length} characters). Please try a more specific tool query or raise the {argument} parameter.")
            : Text(answer);
    }

    private static string Dumps(JsonNode? node) => PythonJson.Dumps(node);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
