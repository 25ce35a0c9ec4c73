using System.ComponentModel;
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
    /// <summary>The manual in the <c>execute</c> description, also served as the <c>code-mode</c> prompt.</summary>
    public CodeModeInstructions Instructions { get; } = new(apis, runtimes);

    /// <summary>The three tools, for <c>McpServerOptions.ToolCollection</c>.</summary>
    public McpServerPrimitiveCollection<McpServerTool> CreateTools() =>
    [
        McpServerTool.Create(ExecuteAsync, new McpServerToolCreateOptions { Name = "execute", Description = Instructions.Write() }),
        McpServerTool.Create(Search, new McpServerToolCreateOptions
        {
            Name = "search",
            Description = "Find tools across all servers by words (names split on camelCase and snake_case, and descriptions). Returns JSON matches {server, name, description}, best first; weak matches beside a strong one are left out. Then call describe for the one you need.",
            ReadOnly = true,
        }),
        McpServerTool.Create(Describe, new McpServerToolCreateOptions
        {
            Name = "describe",
            Description = "The declaration of one tool: its description, its exact input and output types, and a note on each parameter (cut short, or left out, for a very large tool). lang: ts (node, default), js (javascript) or cs (csharp).",
            ReadOnly = true,
        }),
    ];

    private async Task<CallToolResult> ExecuteAsync(
        [Description("The runtime to run the code in.")] string runtime,
        [Description("The code. Proxies of the servers are globals (e.g. automem.store_memory({...})).")] string code,
        RequestContext<CallToolRequestParams> context,
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

        await ExecutionLogNotifier.NotifyAsync(context, runtime, result, cancellationToken);
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
}
