using System.Net.Http;
using ModelContextProtocol;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CodeMode.Mcp.Resilience;

/// <summary>Which failures are worth another attempt, and which count against a server's circuit.</summary>
internal static class TransientFaults
{
    /// <summary>
    /// The request provably never left the host: the connection was not there to send it on. Retrying is safe for any
    /// tool, idempotent or not.
    /// </summary>
    public static bool NeverReachedServer(Exception exception) => exception is McpServerUnavailableException;

    /// <summary>
    /// A fault of the path to the server, not an answer from it: timeouts, broken pipes, dropped HTTP connections.
    /// A JSON-RPC error is the server's answer and is never transient.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        McpProtocolException => false,
        BrokenCircuitException => false,
        McpServerUnavailableException or TimeoutRejectedException or IOException or HttpRequestException or ObjectDisposedException => true,
        McpException => true,
        OperationCanceledException => false,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>
    /// Retry when the call never reached the server, or when it may have and the tool says running it twice is harmless.
    /// </summary>
    public static bool ShouldRetry(Exception exception, bool idempotent) =>
        NeverReachedServer(exception) || (idempotent && IsTransient(exception));
}
