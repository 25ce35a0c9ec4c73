namespace CodeMode.Abstractions.Audit;

/// <summary>A filter over the audit log; null fields do not filter. Times are inclusive.</summary>
/// <param name="Before">The cursor: only records with an id below this one (the previous page's <see cref="AuditPage.NextCursor"/>).</param>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ClientId = null,
    string? Server = null,
    string? Outcome = null,
    AuditKind? Kind = null,
    int Limit = AuditQuery.DefaultLimit,
    long? Before = null)
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;
}
