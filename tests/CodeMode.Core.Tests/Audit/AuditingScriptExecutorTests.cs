using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Audit;

namespace CodeMode.Core.Tests.Audit;

public sealed class AuditingScriptExecutorTests : IDisposable
{
    private readonly SecurityMetrics _metrics = new();
    private readonly List<AuditRecord> _records = [];

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Execution_IsRecordedUnderTheIdItRanWith_WithoutTheCode()
    {
        ExecutionRequest? seen = null;
        var executor = Create(request =>
        {
            seen = request;
            return Task.FromResult(new ScriptResult { Status = ScriptStatus.RuntimeError, Error = new ScriptError(ErrorCodes.UncaughtException, "Error: boom") });
        });

        await executor.ExecuteAsync(new ExecutionRequest("javascript", "throw new Error('boom')", ClientId: "ci"));

        var record = Assert.Single(_records);
        Assert.NotNull(seen!.ExecutionId);
        Assert.Equal((AuditKind.Execution, "runtimeError", ErrorCodes.UncaughtException, "ci", "javascript", seen.ExecutionId),
            (record.Kind, record.Outcome, record.Code, record.ClientId, record.Runtime, record.ExecutionId));
        Assert.Equal(23L, record.ArgumentBytes);
        Assert.Equal(64, record.ArgumentHash!.Length);
        Assert.Null(record.Arguments);
    }

    [Fact]
    public async Task RejectedExecution_IsRecordedAndCountedAsADenial()
    {
        var executor = Create(_ => throw new ExecutionRejectedException(ErrorCodes.QueueFull, "busy", TimeSpan.FromSeconds(1)));

        await Assert.ThrowsAsync<ExecutionRejectedException>(() => executor.ExecuteAsync(new ExecutionRequest("javascript", "1")));

        Assert.Equal(("rejected", ErrorCodes.QueueFull), (Assert.Single(_records).Outcome, _records[0].Code));
        Assert.Equal(1, _metrics.DenialsByReason[ErrorCodes.QueueFull]);
    }

    private AuditingScriptExecutor Create(Func<ExecutionRequest, Task<ScriptResult>> run) => new(new Executor(run), new Sink(_records), _metrics);

    private sealed class Executor(Func<ExecutionRequest, Task<ScriptResult>> run) : IScriptExecutor
    {
        public Task<ScriptResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default) => run(request);
    }

    private sealed class Sink(List<AuditRecord> records) : IAuditSink
    {
        public void Record(AuditRecord record) => records.Add(record);
    }
}
