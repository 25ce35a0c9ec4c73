namespace CodeMode.Abstractions.Audit;

/// <summary>One page of records, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, long? NextCursor);
