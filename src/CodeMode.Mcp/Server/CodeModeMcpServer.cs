using CodeMode.Abstractions.Execution;
using CodeMode.Mcp.Apis;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Server;

/// <summary>
/// CodeMode's MCP server, the same on every transport (stdio, Streamable HTTP): tools execute/search/describe, the
/// declarations as resources, the instructions as a prompt (with completion of its argument), and <c>logging/setLevel</c>
/// (one log message per execution).
/// </summary>
public static class CodeModeMcpServer
{
    public const string Name = "codemode";

    public static McpServerOptions CreateOptions(IScriptExecutor executor, ApiDeclarationGenerator apis, ToolSearch search, IReadOnlyList<string> runtimes, string version)
    {
        var tools = new CodeModeMcpTools(executor, apis, search, runtimes);
        var resources = new CodeModeMcpResources(apis);
        var prompts = new CodeModeMcpPrompts(tools.Instructions);
        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = Name, Version = version },
            ServerInstructions = "Do tasks by writing one script for the execute tool; find tools with search, read their types with describe. The prompt code-mode has the full manual.",
            ToolCollection = tools.CreateTools(),
            PromptCollection = prompts.CreatePrompts(),
            Handlers = new McpServerHandlers
            {
                ListResourcesHandler = resources.ListAsync,
                ReadResourceHandler = resources.ReadAsync,
                CompleteHandler = prompts.CompleteAsync,
            },
        };
    }
}
