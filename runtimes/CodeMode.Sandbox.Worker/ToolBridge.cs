using System.Diagnostics;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// The worker's end of a proxy call. The script thread sends a toolCall frame and then reads the channel itself
/// until the matching toolResult arrives: no other thread is woken, which is most of what a proxy call costs. A
/// cancel read meanwhile ends the call with an abort the script cannot catch (<c>timeout</c> when the host's
/// deadline passed, <c>cancelled</c> otherwise). Calls from several threads (a runtime with async proxies) take
/// turns: one call is on the channel at a time.
/// </summary>
internal sealed class ToolBridge(FrameWriter writer, WorkerChannel channel) : IToolBridge
{
    private readonly Lock _turn = new();
    private int _lastCallId;
    private string? _executionId;
    private int _timeoutMs;
    private long _deadline;
    private ScriptJob? _job;

    /// <summary>Binds the bridge to one execution; calls outside Begin/End are a runtime bug.</summary>
    public void Begin(ScriptJob job)
    {
        _job = job;
        _executionId = job.ExecutionId;
        _timeoutMs = job.Message.Limits.TimeoutMs;
        _deadline = Stopwatch.GetTimestamp() + (long)_timeoutMs * Stopwatch.Frequency / 1000;
    }

    public void End()
    {
        _job = null;
        _executionId = null;
    }

    public ToolBridgeResult Call(string server, string tool, string argumentsJson)
    {
        lock (_turn)
        {
            return CallInTurn(server, tool, argumentsJson);
        }
    }

    private ToolBridgeResult CallInTurn(string server, string tool, string argumentsJson)
    {
        var executionId = _executionId ?? throw new InvalidOperationException("A proxy was called outside an execution.");
        var job = _job!;
        if (job.CancellationToken.IsCancellationRequested)
        {
            return job.TimedOut ? TimedOut() : Cancelled();
        }

        if (Stopwatch.GetTimestamp() >= _deadline)
        {
            // The script's wall-clock budget includes tool time: no call starts past it.
            return TimedOut();
        }

        var callId = ++_lastCallId;
        using (var arguments = ParseArguments(argumentsJson))
        {
            if (arguments is null)
            {
                return ToolBridgeResult.FromError(ErrorCodes.InvalidToolArguments, $"The arguments of {server}.{tool} are not valid JSON.");
            }

            writer.Write(new ToolCallMessage(executionId, callId, server, tool, arguments.RootElement));
        }

        return AwaitResult(job, callId);
    }

    private ToolBridgeResult AwaitResult(ScriptJob job, int callId)
    {
        while (true)
        {
            switch (channel.ReadDuringExecution(job.Message.ReplySpin))
            {
                case ToolResultMessage result when result.ExecutionId == job.ExecutionId && result.CallId == callId:
                    // A result without its body is the host's bug; end the script rather than hand it a null.
                    return result.Result ?? ToolBridgeResult.FromAbort(
                        ScriptStatus.InternalError, ErrorCodes.InternalError, "The host sent an empty tool result.");
                case CancelMessage cancel when cancel.ExecutionId == job.ExecutionId:
                    job.Cancel(cancel.TimedOut);
                    return cancel.TimedOut ? TimedOut() : Cancelled();
                case null:
                    // The host is gone or broke the protocol: the channel has recorded how the worker must end.
                    job.Cancel(timedOut: false);
                    return Cancelled();
                default:
                    // A late answer to an earlier call or a cancel for an earlier execution: nobody waits for it.
                    continue;
            }
        }
    }

    private ToolBridgeResult TimedOut() =>
        ToolBridgeResult.FromAbort(ScriptStatus.Timeout, ErrorCodes.Timeout, $"The script exceeded its timeout of {_timeoutMs} ms.");

    private static ToolBridgeResult Cancelled() =>
        ToolBridgeResult.FromAbort(ScriptStatus.Cancelled, ErrorCodes.Cancelled, "The execution was cancelled.");

    private static JsonDocument? ParseArguments(string argumentsJson)
    {
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
