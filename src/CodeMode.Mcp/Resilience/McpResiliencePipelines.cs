using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CodeMode.Mcp.Resilience;

/// <summary>
/// The Polly pipeline of one server. Outermost first: retry (transient faults only, exponential backoff with jitter)
/// → circuit breaker (counts transient faults; open = fail fast, so the mock answers at once, and the connection is
/// dropped so the call let through afterwards reconnects) → per-attempt timeout.
/// </summary>
internal static class McpResiliencePipelines
{
    public static readonly ResiliencePropertyKey<McpCallState> CallState = new("codemode.mcp.call");

    public static ResiliencePipeline Build(
        McpResilienceOptions options, TimeSpan attemptTimeout, CircuitBreakerStateProvider circuit, TimeProvider timeProvider, Action onCircuitOpened)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception
                    && TransientFaults.ShouldRetry(exception, args.Context.Properties.GetValue(CallState, new McpCallState(false)).Idempotent)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(CallState, out var state))
                    {
                        state.Retries++;
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = circuit,
                OnOpened = _ =>
                {
                    onCircuitOpened();
                    return ValueTask.CompletedTask;
                },
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } exception && TransientFaults.IsTransient(exception)),
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = attemptTimeout })
            .Build();
    }
}
