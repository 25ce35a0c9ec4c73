namespace CodeMode.Abstractions.Security;

/// <summary>One use of a brokered capability, as the audit log keeps it.</summary>
/// <param name="Capability"><c>fs</c> or <c>fetch</c>.</param>
/// <param name="Operation"><c>read</c>, <c>write</c>, <c>list</c>, <c>exists</c> (fs) or <c>request</c> (fetch).</param>
/// <param name="Target">The canonical path or the URL the script asked for (for redirects, each hop is its own record).</param>
/// <param name="Allowed">Whether the host carried the operation out.</param>
/// <param name="ErrorCode">The <c>CM####</c> code when refused or failed.</param>
/// <param name="Detail">Why it was refused, or a short summary (bytes, HTTP status) when allowed.</param>
public sealed record CapabilityAuditRecord(
    DateTimeOffset Timestamp,
    string ExecutionId,
    string Runtime,
    string? ClientId,
    string Capability,
    string Operation,
    string Target,
    bool Allowed,
    string? ErrorCode,
    string? Detail);
