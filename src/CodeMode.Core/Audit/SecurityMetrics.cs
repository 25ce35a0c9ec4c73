using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CodeMode.Core.Audit;

/// <summary>
/// In-memory counters of refusals by reason (the <c>CM####</c> code) and of audit records dropped, published on the
/// <c>CodeMode.Security</c> meter for a <c>/metrics</c> endpoint and kept as a snapshot for <c>GET /v1/audit/stats</c>.
/// Tags are codes and kinds only, never values, so nothing secret can reach a metric.
/// </summary>
public sealed class SecurityMetrics : IDisposable
{
    public const string MeterName = "CodeMode.Security";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _denials;
    private readonly Counter<long> _dropped;
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private long _droppedTotal;

    public SecurityMetrics()
    {
        _denials = _meter.CreateCounter<long>("codemode.security.denials", description: "Requests and tool calls refused, by reason (CM#### code).");
        _dropped = _meter.CreateCounter<long>("codemode.audit.dropped", description: "Audit records dropped because the writer's queue was full or the store failed.");
    }

    /// <summary>Counts one refusal; <paramref name="reason"/> is its <c>CM####</c> code.</summary>
    public void Denied(string reason, string kind)
    {
        _byReason.AddOrUpdate(reason, 1, static (_, count) => count + 1);
        _denials.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("kind", kind));
    }

    public void AuditDropped(int count = 1)
    {
        Interlocked.Add(ref _droppedTotal, count);
        _dropped.Add(count);
    }

    /// <summary>Refusals since start-up, by reason.</summary>
    public IReadOnlyDictionary<string, long> DenialsByReason => new SortedDictionary<string, long>(_byReason, StringComparer.Ordinal);

    public long AuditDroppedTotal => Interlocked.Read(ref _droppedTotal);

    public void Dispose() => _meter.Dispose();
}
