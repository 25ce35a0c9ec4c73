namespace CodeMode.Abstractions.Audit;

/// <summary>The sink when auditing is off (<c>security.audit.enabled: false</c> or <c>MCP_AUDIT_LOGGING=false</c>).</summary>
public sealed class NullAuditSink : IAuditSink
{
    public static NullAuditSink Instance { get; } = new();

    public void Record(AuditRecord record)
    {
    }
}
