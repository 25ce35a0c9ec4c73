namespace CodeMode.Abstractions.Audit;

/// <summary>
/// One line of the audit log: an execution, a tool call, a refused request or a brokered capability access.
/// Only sizes, hashes and codes by default; <see cref="Arguments"/> only when <c>security.audit.auditArguments</c> is
/// on, and never with configured secret values in it (the sink redacts them).
/// </summary>
public sealed record AuditRecord
{
    /// <summary>Assigned by the store; 0 until written.</summary>
    public long Id { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required AuditKind Kind { get; init; }

    /// <summary>How it ended: a tool-call status (<c>ok</c>, <c>denied</c>...), a script status, or a refusal reason.</summary>
    public required string Outcome { get; init; }

    /// <summary>The API key id that asked, or null for an unauthenticated local caller.</summary>
    public string? ClientId { get; init; }

    public string? ExecutionId { get; init; }

    public string? Runtime { get; init; }

    /// <summary>The MCP server, or the capability (<c>fs</c>, <c>fetch</c>) for <see cref="AuditKind.Capability"/>.</summary>
    public string? Server { get; init; }

    /// <summary>The tool, or the capability's operation (<c>read</c>, <c>GET</c>...).</summary>
    public string? Tool { get; init; }

    /// <summary>A stable <c>CM####</c> code when the outcome is a refusal or an error.</summary>
    public string? Code { get; init; }

    /// <summary><c>live</c>, <c>mock</c> or <c>cache</c> for answered tool calls.</summary>
    public string? Source { get; init; }

    public double? DurationMs { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the argument JSON, so equal calls can be matched without storing them.</summary>
    public string? ArgumentHash { get; init; }

    public long? ArgumentBytes { get; init; }

    /// <summary>The argument JSON, secrets redacted; null unless <c>auditArguments</c> is on.</summary>
    public string? Arguments { get; init; }

    /// <summary>A short human-readable note (error message, refused path...), secrets redacted.</summary>
    public string? Detail { get; init; }
}
