namespace CodeMode.Abstractions.Security;

/// <summary>The audit sink used when nothing records capability use: drops every record.</summary>
public sealed class NoCapabilityAudit : ICapabilityAuditSink
{
    public static NoCapabilityAudit Instance { get; } = new();

    private NoCapabilityAudit()
    {
    }

    public void Record(CapabilityAuditRecord record)
    {
    }
}
