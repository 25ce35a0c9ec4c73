namespace CodeMode.Abstractions.Audit;

/// <summary>Reads the audit log back: <c>GET /v1/audit</c> and <c>GET /v1/audit/stats</c>.</summary>
public interface IAuditStore
{
    /// <summary>Newest first, filtered, at most <see cref="AuditQuery.Limit"/> records, with a cursor to the next page.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many records the store holds, by kind and by outcome.</summary>
    Task<AuditCounts> CountAsync(CancellationToken cancellationToken = default);
}
