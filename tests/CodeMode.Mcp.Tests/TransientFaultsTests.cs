using CodeMode.Mcp.Resilience;
using ModelContextProtocol;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CodeMode.Mcp.Tests;

public sealed class TransientFaultsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ShouldRetry_NeverReachedServer_RetriesAnyTool(bool idempotent) =>
        Assert.True(TransientFaults.ShouldRetry(new McpServerUnavailableException("down"), idempotent));

    [Fact]
    public void ShouldRetry_TimeoutOfNonIdempotentTool_DoesNotRetry() =>
        Assert.False(TransientFaults.ShouldRetry(new TimeoutRejectedException(), idempotent: false));

    [Fact]
    public void ShouldRetry_BrokenPipeOfIdempotentTool_Retries() =>
        Assert.True(TransientFaults.ShouldRetry(new IOException("pipe"), idempotent: true));

    [Fact]
    public void ShouldRetry_ProtocolErrorFromServer_IsAnAnswerNotRetried() =>
        Assert.False(TransientFaults.ShouldRetry(new McpProtocolException("unknown tool"), idempotent: true));

    [Fact]
    public void ShouldRetry_OpenCircuit_DoesNotRetry() =>
        Assert.False(TransientFaults.ShouldRetry(new BrokenCircuitException(), idempotent: true));
}
