using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tests.Tools;

/// <summary>Builds calls and execution contexts for the gateway tests.</summary>
internal static class ToolRequests
{
    public static ToolCallContext Context(int maxToolCalls = 100, string runtime = "javascript", params string[] allowed) => new()
    {
        ExecutionId = "exec-1",
        Runtime = runtime,
        AllowedServers = new HashSet<string>(allowed.Length == 0 ? ["automem", "serena", "helpscout"] : allowed, StringComparer.Ordinal),
        MaxToolCalls = maxToolCalls,
    };

    public static ToolCallRequest Create(string server = "automem", string tool = "recall_memory", string arguments = "{}", ToolCallContext? context = null) =>
        new(server, tool, JsonElement.Parse(arguments), Encoding.UTF8.GetByteCount(arguments), context ?? Context());
}
