namespace CodeMode.Abstractions.Audit;

/// <summary>
/// Where audit records go. <see cref="Record"/> never blocks and never throws: it hands the record to a bounded queue
/// drained by a background writer (when the queue is full the record is counted as dropped and the host logs it).
/// Brokered capabilities (<c>fs</c>, <c>fetch</c>) call it with <see cref="AuditKind.Capability"/>.
/// </summary>
public interface IAuditSink
{
    void Record(AuditRecord record);
}
