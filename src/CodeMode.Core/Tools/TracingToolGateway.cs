using System.Text;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>
/// The outermost decorator: times every call and records a <see cref="ToolCallTrace"/> into the execution's
/// <see cref="ToolCallContext"/> — for every outcome, denials and limits included, so the trace explains why a
/// script stopped. <c>bytesOut</c> is the size of what the script receives (the projected value, or the error text).
/// </summary>
public sealed class TracingToolGateway(IToolGateway inner, TimeProvider? timeProvider = null) : DelegatingToolGateway(inner)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public override async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        ToolCallOutcome outcome;
        try
        {
            outcome = await Inner.CallAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A gateway below let the caller's cancellation escape as an exception; it is still an outcome.
            outcome = ToolCallOutcome.Cancelled(request.Server, request.Tool);
        }
        catch
        {
            Record(request, started, ToolCallOutcome.Failed(ErrorCodes.InternalError, "tool gateway fault"));
            throw;
        }

        Record(request, started, outcome);
        return outcome;
    }

    private void Record(ToolCallRequest request, long started, ToolCallOutcome outcome)
    {
        var duration = _time.GetElapsedTime(started).TotalMilliseconds;
        request.Context.Record(new ToolCallTrace(
            request.Server,
            request.Tool,
            duration,
            request.ArgumentBytes,
            BytesOut(outcome),
            outcome.Source,
            outcome.Retries,
            outcome.Status));
    }

    private static long BytesOut(ToolCallOutcome outcome) => outcome switch
    {
        { Status: ToolCallStatus.Ok, Result: { } result } => ToolResultProjection.ToScriptValue(result).Length,
        { Status: ToolCallStatus.ToolError, Result: { } result } => Encoding.UTF8.GetByteCount(ToolResultProjection.ErrorMessage(result)),
        _ => 0,
    };
}
