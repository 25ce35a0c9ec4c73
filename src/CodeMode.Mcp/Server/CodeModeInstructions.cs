using System.Text;
using CodeMode.Mcp.Apis;

namespace CodeMode.Mcp.Server;

/// <summary>
/// The manual a model gets: how to write code for each runtime, which servers and tools exist, and to search and
/// describe before calling. The same text is the <c>execute</c> tool's description and the <c>code-mode</c> prompt.
/// </summary>
public sealed class CodeModeInstructions(ApiDeclarationGenerator apis, IReadOnlyList<string> runtimes)
{
    private static readonly Dictionary<string, string> RuntimeRules = new(StringComparer.Ordinal)
    {
        ["javascript"] = "javascript: ECMAScript 5.1 only — var, function, string concatenation; no let/const, arrow functions, template literals, classes, async/await or Promise. Tool calls are synchronous: var r = automem.recall_memory({ query: \"x\" });. The value of the last expression (or a top-level return) is the result. console.log goes to logs.",
        ["node"] = "node: modern JavaScript/TypeScript; tool calls return Promises, so await them: const r = await automem.recall_memory({ query: \"x\" });. Return the result.",
        ["csharp"] = "csharp: a C# script; tool calls are async, so await them: var r = await automem.recall_memory(query: \"x\");. The last expression is the result.",
    };

    /// <summary>The runtimes this host can run, in the order the manual lists them.</summary>
    public IReadOnlyList<string> Runtimes { get; } = runtimes;

    /// <summary>The manual, for every runtime or only <paramref name="runtime"/>.</summary>
    public string Write(string? runtime = null)
    {
        var text = new StringBuilder("Run code that calls MCP tools through proxies (one global per server) in a sandbox, and get its ScriptResult ")
            .Append("{status, value, error {code, message, line, column}, logs, toolCalls}. Each tool takes one object and returns its result; a tool error throws a catchable error. ")
            .Append("Do the whole task in one script: loop, filter and combine results in code and return only what you need. ")
            .Append("Find tools with search and read their types with describe before calling them.\nRuntimes:\n");
        foreach (var name in runtime is null ? Runtimes : [runtime])
        {
            text.Append("- ").Append(RuntimeRules.GetValueOrDefault(name, name)).Append('\n');
        }

        text.Append("Servers and their tools:\n");
        foreach (var server in apis.Catalog.Servers)
        {
            text.Append("- ").Append(server).Append(": ").AppendJoin(", ", apis.Catalog.GetTools(server).Select(tool => tool.Name)).Append('\n');
        }

        return text.ToString();
    }
}
