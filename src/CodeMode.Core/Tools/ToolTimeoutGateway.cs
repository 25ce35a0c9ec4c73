using System.Collections.Frozen;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tools;

/// <summary>
/// Per-server <c>timeoutMs</c> on the call below. The inner call gets a token that fires at the deadline or when the
/// caller cancels; the wait itself is bounded too, so a server that ignores its token cannot hold the script. A missed
/// deadline is <see cref="ErrorCodes.ToolUnavailable"/> (catchable, and what the mock fallback answers); the caller's
/// own cancellation is <see cref="ToolCallStatus.Cancelled"/>.
/// </summary>
public sealed class ToolTimeoutGateway : DelegatingToolGateway
{
    private static readonly int DefaultTimeoutMs = new McpServerConfig().TimeoutMs;

    private readonly TimeProvider _time;
    private readonly FrozenDictionary<string, int> _timeoutMs;

    /// <param name="inner">The next gateway.</param>
    /// <param name="servers"><c>mcpServers</c> by name; a server not listed gets the default timeout, never none.</param>
    /// <param name="timeProvider">The clock of the deadline; the system clock by default.</param>
    public ToolTimeoutGateway(IToolGateway inner, IReadOnlyDictionary<string, McpServerConfig> servers, TimeProvider? timeProvider = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(servers);
        _time = timeProvider ?? TimeProvider.System;
        _timeoutMs = servers.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.TimeoutMs > 0
                ? pair.Value.TimeoutMs
                : throw new ArgumentException($"mcpServers.{pair.Key}.timeoutMs must be at least 1 (got {pair.Value.TimeoutMs}).", nameof(servers)),
            StringComparer.Ordinal);
    }

    public override ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested)
        {
            return new(ToolCallOutcome.Cancelled(request.Server, request.Tool));
        }

        var timeoutMs = _timeoutMs.TryGetValue(request.Server, out var configured) ? configured : DefaultTimeoutMs;
        var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), _time);
        var link = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline);

        ValueTask<ToolCallOutcome> pending;
        try
        {
            pending = Inner.CallAsync(request, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Release(link, deadline);
            return new(Stopped(request, timeoutMs, cancellationToken));
        }
        catch
        {
            Release(link, deadline);
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            // The common case (mocks, cache): no await, no task.
            var outcome = pending.Result;
            Release(link, deadline);
            return new(outcome);
        }

        return AwaitAsync(request, pending.AsTask(), timeoutMs, link, deadline, cancellationToken);
    }

    private static async ValueTask<ToolCallOutcome> AwaitAsync(
        ToolCallRequest request, Task<ToolCallOutcome> call, int timeoutMs, CancellationTokenRegistration link, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await call.WaitAsync(deadline.Token).ConfigureAwait(false);
            Release(link, deadline);
            return outcome;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The call may still be running on a token that has fired: free the deadline when it ends, and observe its fault.
            link.Dispose();
            _ = call.ContinueWith(
                static (task, state) =>
                {
                    _ = task.Exception;
                    ((CancellationTokenSource)state!).Dispose();
                },
                deadline,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return Stopped(request, timeoutMs, cancellationToken);
        }
        catch
        {
            Release(link, deadline);
            throw;
        }
    }

    private static ToolCallOutcome Stopped(ToolCallRequest request, int timeoutMs, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ToolCallOutcome.Cancelled(request.Server, request.Tool)
            : ToolCallOutcome.Failed(
                ErrorCodes.ToolUnavailable,
                $"{request.Server}.{request.Tool} did not answer within {timeoutMs} ms (mcpServers.{request.Server}.timeoutMs).");

    private static void Release(CancellationTokenRegistration link, CancellationTokenSource deadline)
    {
        link.Dispose();
        deadline.Dispose();
    }
}
