using System.ComponentModel;
using System.Text;
using System.Text.Json;
using CodeMode.Abstractions;
using CodeMode.Abstractions.Execution;
using CodeMode.Mcp.Apis;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Server;

/// <summary>
/// CodeMode as MCP tools: <c>execute {runtime, code}</c>, <c>search {query}</c> and <c>describe {server, tool}</c>.
/// The descriptions are the manual the model gets: how to write code for each runtime, and to search and describe
/// before calling a tool, so its context holds only the APIs it uses. A script that fails is a result with
/// <c>isError</c> (the model can fix it); a request that cannot run is an MCP error.
/// </summary>
public sealed class CodeModeMcpTools(IScriptExecutor executor, ApiDeclarationGenerator apis, ToolSearch search, IReadOnlyList<string> runtimes)
{
    private static readonly Dictionary<string, string> RuntimeRules = new(StringComparer.Ordinal)
    {
        ["javascript"] = "javascript: ECMAScript 5.1 only — var, function, string concatenation; no let/const, arrow functions, template literals, classes, async/await or Promise. Tool calls are synchronous: var r = automem.recall_memory({ query: \"x\" });. The value of the last expression (or a top-level return) is the result. console.log goes to logs.",
        ["node"] = "node: modern JavaScript/TypeScript; tool calls return Promises, so await them: const r = await automem.recall_memory({ query: \"x\" });. Return the result.",
        ["csharp"] = "csharp: a C# script; tool calls are async, so await them: var r = await automem.recall_memory(query: \"x\");. The last expression is the result.",
    };

    /// <summary>The three tools, for <c>McpServerOptions.ToolCollection</c>.</summary>
    public McpServerPrimitiveCollection<McpServerTool> CreateTools() =>
    [
        McpServerTool.Create(ExecuteAsync, new McpServerToolCreateOptions { Name = "execute", Description = ExecuteDescription() }),
        McpServerTool.Create(Search, new McpServerToolCreateOptions
        {
            Name = "search",
            Description = "Find tools across all servers by words (names split on camelCase and snake_case, and descriptions). Returns JSON matches {server, name, description}, best first. Then call describe for the one you need.",
            ReadOnly = true,
        }),
        McpServerTool.Create(Describe, new McpServerToolCreateOptions
        {
            Name = "describe",
            Description = "The declaration of one tool: its input and output types with every description. lang: ts (node, default), js (javascript) or cs (csharp).",
            ReadOnly = true,
        }),
    ];

    private async Task<CallToolResult> ExecuteAsync(
        [Description("The runtime to run the code in.")] string runtime,
        [Description("The code. Proxies of the servers are globals (e.g. automem.store_memory({...})).")] string code,
        CancellationToken cancellationToken)
    {
        ScriptResult result;
        try
        {
            result = await executor.ExecuteAsync(new ExecutionRequest(runtime, code, ClientId: "mcp"), cancellationToken);
        }
        catch (ExecutionRequestException ex)
        {
            // Nothing ran: the request itself is wrong. The message names the field and is safe to show.
            throw new McpException($"{ex.Code} {ex.Field}: {ex.Message}");
        }

        var json = JsonSerializer.SerializeToElement(result, CodeModeJson.Options);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = json.GetRawText() }],
            StructuredContent = json,
            IsError = result.Status != ScriptStatus.Succeeded,
        };
    }

    private string Search([Description("A few words, e.g. \"store memory\" or \"conversation summary\".")] string query)
    {
        if (!query.Any(char.IsLetterOrDigit))
        {
            throw new McpException($"{ErrorCodes.EmptySearchQuery} query: send a few words to search for.");
        }

        return JsonSerializer.Serialize(search.Search(query), CodeModeJson.Options);
    }

    private string Describe(
        [Description("The server, e.g. \"automem\".")] string server,
        [Description("The tool's name as search returned it.")] string tool,
        [Description("ts (default), js or cs.")] string? lang = null)
    {
        if (!ApiLanguages.TryParse(lang ?? "ts", out var language))
        {
            throw new McpException($"{ErrorCodes.UnknownApiLanguage} lang: '{lang}' is not one of: {ApiLanguages.Accepted}.");
        }

        if (!apis.Catalog.Servers.Contains(server, StringComparer.Ordinal))
        {
            throw new McpException($"{ErrorCodes.UnknownServer} server: no server is named '{server}'. Servers: {string.Join(", ", apis.Catalog.Servers)}.");
        }

        return apis.TryDescribe(server, tool, language, out var document)
            ? document.Text
            : throw new McpException($"{ErrorCodes.ToolNotFound} tool: '{server}' has no tool named '{tool}'. Use search to find it.");
    }

    private string ExecuteDescription()
    {
        var text = new StringBuilder("Run code that calls MCP tools through proxies (one global per server) in a sandbox, and get its ScriptResult ")
            .Append("{status, value, error {code, message, line, column}, logs, toolCalls}. Each tool takes one object and returns its result; a tool error throws a catchable error. ")
            .Append("Do the whole task in one script: loop, filter and combine results in code and return only what you need. ")
            .Append("Find tools with search and read their types with describe before calling them.\nRuntimes:\n");
        foreach (var runtime in runtimes)
        {
            text.Append("- ").Append(RuntimeRules.GetValueOrDefault(runtime, runtime)).Append('\n');
        }

        text.Append("Servers and their tools:\n");
        foreach (var server in apis.Catalog.Servers)
        {
            text.Append("- ").Append(server).Append(": ").AppendJoin(", ", apis.Catalog.GetTools(server).Select(tool => tool.Name)).Append('\n');
        }

        return text.ToString();
    }
}
