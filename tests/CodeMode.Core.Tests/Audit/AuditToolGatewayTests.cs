using System.Security.Cryptography;
using System.Text;
using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Audit;
using CodeMode.Core.Tests.Tools;

namespace CodeMode.Core.Tests.Audit;

public sealed class AuditToolGatewayTests : IDisposable
{
    private readonly SecurityMetrics _metrics = new();
    private readonly ListSink _sink = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task AnsweredCall_IsRecordedWithHashSizeSourceAndClient()
    {
        var gateway = new AuditToolGateway(new FakeToolGateway(ToolCallOutcome.Answered(ToolResult.Text("hi"), ToolCallSource.Mock)), _sink, _metrics, auditArguments: false);
        var context = new ToolCallContext { ExecutionId = "e1", Runtime = "javascript", ClientId = "ci", AllowedServers = new HashSet<string> { "automem" }, MaxToolCalls = 5 };

        await gateway.CallAsync(ToolRequests.Create(arguments: "{\"q\":1}", context: context));

        var record = Assert.Single(_sink.Records);
        Assert.Equal((AuditKind.ToolCall, "ok", "ci", "e1", "javascript", "automem", "recall_memory", "mock", 7L),
            (record.Kind, record.Outcome, record.ClientId, record.ExecutionId, record.Runtime, record.Server, record.Tool, record.Source, record.ArgumentBytes!.Value));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("{\"q\":1}"))), record.ArgumentHash);
        Assert.Null(record.Arguments);
        Assert.Null(record.Code);
        Assert.Empty(_metrics.DenialsByReason);
    }

    [Fact]
    public async Task RefusedCalls_AreRecordedAndCountedByReason()
    {
        var denied = new AuditToolGateway(new FakeToolGateway(ToolCallOutcome.Denied(ErrorCodes.ServerNotAllowed, "no")), _sink, _metrics, auditArguments: false);
        var limited = new AuditToolGateway(new FakeToolGateway(ToolCallOutcome.Limited(ErrorCodes.ServerRateLimited, "slow down")), _sink, _metrics, auditArguments: false);

        await denied.CallAsync(ToolRequests.Create());
        await limited.CallAsync(ToolRequests.Create());
        await limited.CallAsync(ToolRequests.Create());

        Assert.Equal(["denied", "rateLimited", "rateLimited"], _sink.Records.Select(r => r.Outcome));
        Assert.Equal(ErrorCodes.ServerNotAllowed, _sink.Records[0].Code);
        Assert.Equal(1, _metrics.DenialsByReason[ErrorCodes.ServerNotAllowed]);
        Assert.Equal(2, _metrics.DenialsByReason[ErrorCodes.ServerRateLimited]);
    }

    [Fact]
    public async Task AuditArguments_KeepsTheArgumentJson()
    {
        var gateway = new AuditToolGateway(FakeToolGateway.Answering("x"), _sink, _metrics, auditArguments: true);

        await gateway.CallAsync(ToolRequests.Create(arguments: "{\"q\":\"text\"}"));

        Assert.Equal("{\"q\":\"text\"}", Assert.Single(_sink.Records).Arguments);
    }

    [Fact]
    public async Task GatewayFault_IsStillRecorded()
    {
        var gateway = new AuditToolGateway(new FakeToolGateway((_, _) => throw new InvalidOperationException("bug")), _sink, _metrics, auditArguments: false);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await gateway.CallAsync(ToolRequests.Create()));

        Assert.Equal(("failed", ErrorCodes.InternalError), (Assert.Single(_sink.Records).Outcome, _sink.Records[0].Code));
    }

    private sealed class ListSink : IAuditSink
    {
        private readonly List<AuditRecord> _records = [];

        public IReadOnlyList<AuditRecord> Records
        {
            get
            {
                lock (_records)
                {
                    return _records.ToArray();
                }
            }
        }

        public void Record(AuditRecord record)
        {
            lock (_records)
            {
                _records.Add(record);
            }
        }
    }
}
