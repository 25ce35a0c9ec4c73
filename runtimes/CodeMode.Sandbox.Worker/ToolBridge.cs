using System.Diagnostics;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// The worker's end of a proxy call: sends a toolCall frame and blocks the calling (script) thread until the
/// reader loop hands over the matching toolResult, the execution is cancelled, or its time budget runs out.
/// Safe for concurrent calls, although a JavaScript script makes them one at a time.
/// </summary>
internal sealed class ToolBridge(FrameWriter writer) : IToolBridge
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, PendingCall> _pending = [];
    private int _lastCallId;
    private string? _executionId;
    private int _timeoutMs;
    private long _deadline;
    private CancellationToken _cancellationToken;

    /// <summary>Binds the bridge to one execution; calls outside Begin/End are a runtime bug.</summary>
    public void Begin(string executionId, int timeoutMs, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _executionId = executionId;
            _timeoutMs = timeoutMs;
            _deadline = Stopwatch.GetTimestamp() + (long)timeoutMs * Stopwatch.Frequency / 1000;
            _cancellationToken = cancellationToken;
        }
    }

    public void End()
    {
        lock (_lock)
        {
            _executionId = null;
            _cancellationToken = default;

            // Only a runtime that leaked a call past Execute gets here; wake it rather than leave it parked forever.
            foreach (var call in _pending.Values)
            {
                call.Complete(Cancelled());
            }

            _pending.Clear();
        }
    }

    public ToolBridgeResult Call(string server, string tool, string argumentsJson)
    {
        string executionId;
        long deadline;
        int timeoutMs;
        CancellationToken cancellationToken;
        var call = new PendingCall();
        int callId;
        lock (_lock)
        {
            executionId = _executionId ?? throw new InvalidOperationException("A proxy was called outside an execution.");
            deadline = _deadline;
            timeoutMs = _timeoutMs;
            cancellationToken = _cancellationToken;
            callId = ++_lastCallId;
            _pending.Add(callId, call);
        }

        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Cancelled();
            }

            using (var arguments = ParseArguments(argumentsJson))
            {
                if (arguments is null)
                {
                    return ToolBridgeResult.FromError(ErrorCodes.InvalidToolArguments, $"The arguments of {server}.{tool} are not valid JSON.");
                }

                writer.Write(new ToolCallMessage(executionId, callId, server, tool, arguments.RootElement));
            }

            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || !call.Wait(remaining, cancellationToken))
            {
                // The script's wall-clock budget includes tool time: stop here instead of waiting for the host's kill.
                return call.Result ?? ToolBridgeResult.FromAbort(
                    ScriptStatus.Timeout, ErrorCodes.Timeout, $"The script exceeded its timeout of {timeoutMs} ms.");
            }

            return call.Result!;
        }
        catch (OperationCanceledException)
        {
            return Cancelled();
        }
        finally
        {
            lock (_lock)
            {
                _pending.Remove(callId);
            }
        }
    }

    /// <summary>Called by the reader loop. A result for a call nobody waits for any more (late, after a cancel) is dropped.</summary>
    public void Complete(ToolResultMessage message)
    {
        PendingCall? call;
        lock (_lock)
        {
            if (message.ExecutionId != _executionId || !_pending.TryGetValue(message.CallId, out call))
            {
                return;
            }
        }

        // A result without its body is the host's bug; end the script rather than hand it a null.
        call.Complete(message.Result ?? ToolBridgeResult.FromAbort(
            ScriptStatus.InternalError, ErrorCodes.InternalError, "The host sent an empty tool result."));
    }

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

    private sealed class PendingCall
    {
        private readonly ManualResetEventSlim _done = new();

        public ToolBridgeResult? Result { get; private set; }

        public void Complete(ToolBridgeResult result)
        {
            Result = result;
            _done.Set();
        }

        public bool Wait(TimeSpan timeout, CancellationToken cancellationToken) => _done.Wait(timeout, cancellationToken);
    }
}
