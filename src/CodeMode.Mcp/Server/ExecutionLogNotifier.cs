using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions;
using CodeMode.Abstractions.Execution;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// logging/setLevel and notifications/message are deprecated from protocol 2026-07-28 (SEP-2577), but the clients
// of today negotiate earlier versions, where they are how a server reports progress to the client's log.
#pragma warning disable MCP9005

namespace CodeMode.Mcp.Server;

/// <summary>
/// One <c>notifications/message</c> per execution, so a client that asked for logs (<c>logging/setLevel</c>) sees
/// each run's outcome as it happens: info when the script succeeded, warning when the script failed, error when
/// the host did. Nothing is sent until the client asks for a level (<c>logging/setLevel</c>, or from protocol
/// 2026-07-28 the request's <c>_meta</c> log level), and nothing below it.
/// </summary>
internal static class ExecutionLogNotifier
{
    public const string LoggerName = "codemode.execute";

    public static async Task NotifyAsync(RequestContext<CallToolRequestParams> context, string runtime, ScriptResult result, CancellationToken cancellationToken)
    {
        var level = LevelOf(result.Status);
        var minimum = context.JsonRpcRequest.Context?.LogLevel ?? context.Server.LoggingLevel;
        if (minimum is null || level < minimum)
        {
            return;
        }

        var data = new JsonObject
        {
            ["runtime"] = runtime,
            ["status"] = JsonNamingPolicy.CamelCase.ConvertName(result.Status.ToString()),
            ["durationMs"] = result.DurationMs,
            ["toolCalls"] = result.ToolCalls.Count,
        };
        if (result.Error is { } error)
        {
            data["code"] = error.Code;
        }

        await context.Server.SendNotificationAsync(
            NotificationMethods.LoggingMessageNotification,
            new LoggingMessageNotificationParams
            {
                Level = level,
                Logger = LoggerName,
                Data = JsonSerializer.SerializeToElement(data, CodeModeJson.Options),
            },
            cancellationToken: cancellationToken);
    }

    internal static LoggingLevel LevelOf(ScriptStatus status) => status switch
    {
        ScriptStatus.Succeeded => LoggingLevel.Info,
        ScriptStatus.InternalError => LoggingLevel.Error,
        _ => LoggingLevel.Warning,
    };
}
