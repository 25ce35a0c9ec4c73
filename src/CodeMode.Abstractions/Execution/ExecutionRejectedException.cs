namespace CodeMode.Abstractions.Execution;

/// <summary>The host refused to run the request now (queue full, client over its rate): HTTP 429 with Retry-After.</summary>
public sealed class ExecutionRejectedException(string code, string message, TimeSpan retryAfter) : Exception(message)
{
    public string Code { get; } = code;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
