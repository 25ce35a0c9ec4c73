using CodeMode.Abstractions.Security;

namespace CodeMode.Core.Tests.Security;

/// <summary>Keeps every capability audit record, for assertions.</summary>
internal sealed class RecordingAuditSink : ICapabilityAuditSink
{
    private readonly List<CapabilityAuditRecord> _records = [];

    public IReadOnlyList<CapabilityAuditRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public void Record(CapabilityAuditRecord record)
    {
        lock (_records)
        {
            _records.Add(record);
        }
    }
}
