using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Security;
using CodeMode.Runtimes.CSharp.Running;

namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// What one execution's proxies, console and budget share. Opaque to scripts: it has no public members, and only
/// this runtime can create one, so a script cannot reach the tool bridge or the limits through it.
/// </summary>
public sealed class ScriptHost
{
    private readonly IToolBridge _tools;
    private readonly int _maxToolCalls;
    private int _toolCalls;

    internal ScriptHost(IToolBridge tools, ExecutionLimits limits, ExecutionBudget budget)
    {
        _tools = tools;
        _maxToolCalls = limits.MaxToolCalls;
        Budget = budget;
        Output = new OutputCollector(limits.MaxOutputBytes, budget);
    }

    internal ExecutionBudget Budget { get; }

    internal OutputCollector Output { get; }

    /// <summary>One synchronous proxy call: tool errors become a catchable <see cref="ToolException"/>, aborts end the script.</summary>
    internal JsonNode? CallTool(string server, string tool, JsonObject arguments)
    {
        // fetch is one call to the script, whatever its operation is called on the channel (as in the javascript runtime).
        var qualified = server == CapabilityNames.Fetch ? CapabilityNames.Fetch : server + "." + tool;
        Budget.Tick();
        if (_toolCalls >= _maxToolCalls)
        {
            throw Budget.Trip(
                ScriptStatus.RateLimited,
                ErrorCodes.ToolCallLimit,
                $"The script tried to start tool call number {_toolCalls + 1}; its limit is {_maxToolCalls} tool calls per execution.",
                qualified);
        }

        _toolCalls++;
        var result = _tools.Call(server, tool, arguments.ToJsonString());
        Budget.CheckClock();
        switch (result.Kind)
        {
            case ToolBridgeResultKind.Value:
                return result.Value is { ValueKind: not JsonValueKind.Undefined } value ? JsonNode.Parse(value.GetRawText()) : null;
            case ToolBridgeResultKind.Error:
                throw new ToolException(result.Code ?? ErrorCodes.ToolFailed, result.Message ?? $"{qualified} failed.", qualified);
            default:
                throw Budget.Trip(result.Status ?? ScriptStatus.ToolError, result.Code ?? ErrorCodes.ToolFailed, result.Message ?? $"{qualified} was refused.", qualified);
        }
    }
}
