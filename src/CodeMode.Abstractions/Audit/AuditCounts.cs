namespace CodeMode.Abstractions.Audit;

/// <summary>What the audit store holds: every record, and the counts by kind and by outcome.</summary>
public sealed record AuditCounts(long Total, IReadOnlyDictionary<string, long> ByKind, IReadOnlyDictionary<string, long> ByOutcome);
