using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Server;

/// <summary>
/// The code-mode instructions as the MCP prompt <c>code-mode</c> (optional argument <c>runtime</c>): a client can put
/// the manual in front of its model without reading the <c>execute</c> tool's description. Its argument completes
/// (<c>completion/complete</c>) to the runtimes this host runs.
/// </summary>
public sealed class CodeModeMcpPrompts(CodeModeInstructions instructions)
{
    public const string PromptName = "code-mode";

    public McpServerPrimitiveCollection<McpServerPrompt> CreatePrompts() =>
    [
        McpServerPrompt.Create(Get, new McpServerPromptCreateOptions
        {
            Name = PromptName,
            Title = "Code mode",
            Description = "How to do a task by writing one script against the MCP servers' proxies with the execute tool: runtime rules, servers and tools, search and describe.",
        }),
    ];

    /// <summary><c>completion/complete</c>: runtime names for the <c>code-mode</c> prompt's argument; nothing for anything else.</summary>
    public ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        var values = request.Params is { Ref: PromptReference { Name: PromptName }, Argument: { Name: "runtime" } argument }
            ? instructions.Runtimes.Where(runtime => runtime.StartsWith(argument.Value ?? "", StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        return ValueTask.FromResult(new CompleteResult { Completion = new Completion { Values = values, Total = values.Count, HasMore = false } });
    }

    private GetPromptResult Get([Description("Only this runtime's rules (e.g. javascript); all when left out.")] string? runtime = null)
    {
        if (runtime is not null && !instructions.Runtimes.Contains(runtime, StringComparer.Ordinal))
        {
            throw new McpProtocolException(
                $"runtime: '{runtime}' is not available. Runtimes: {string.Join(", ", instructions.Runtimes)}.",
                McpErrorCode.InvalidParams);
        }

        return new GetPromptResult
        {
            Description = "Code-mode instructions for CodeMode's execute, search and describe tools.",
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = instructions.Write(runtime) } }],
        };
    }
}
