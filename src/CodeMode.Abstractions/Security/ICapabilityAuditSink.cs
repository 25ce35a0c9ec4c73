namespace CodeMode.Abstractions.Security;

/// <summary>
/// Where the host reports every use of a brokered capability (<c>fs</c>, <c>fetch</c>), granted or refused, so the
/// audit log can record it. Implementations must be thread-safe and must not throw: a failing audit store must not
/// turn into a script error. <see cref="NoCapabilityAudit"/> is the default when no audit store is configured.
/// </summary>
public interface ICapabilityAuditSink
{
    void Record(CapabilityAuditRecord record);
}
