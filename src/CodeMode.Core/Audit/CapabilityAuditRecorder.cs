using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Security;

namespace CodeMode.Core.Audit;

/// <summary>Writes each brokered <c>fs</c>/<c>fetch</c> access into the audit log as a <see cref="AuditKind.Capability"/> record.</summary>
public sealed class CapabilityAuditRecorder(IAuditSink sink) : ICapabilityAuditSink
{
    private readonly IAuditSink _sink = sink ?? throw new ArgumentNullException(nameof(sink));

    public void Record(CapabilityAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _sink.Record(new AuditRecord
        {
            Timestamp = record.Timestamp,
            Kind = AuditKind.Capability,
            Outcome = record.Allowed ? "allowed" : "denied",
            ClientId = record.ClientId,
            ExecutionId = record.ExecutionId,
            Runtime = record.Runtime,
            Server = record.Capability,
            Tool = record.Operation,
            Code = record.ErrorCode,
            Detail = record.Detail is null ? record.Target : $"{record.Target}: {record.Detail}",
        });
    }
}
