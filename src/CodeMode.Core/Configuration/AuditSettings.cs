namespace CodeMode.Core.Configuration;

/// <summary>The <c>security.audit</c> section: the SQLite audit log. Rules: <see cref="AuditSettingsValidator"/>.</summary>
public sealed record AuditSettings
{
    /// <summary>Write the audit log. <c>MCP_AUDIT_LOGGING</c> overrides it. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The SQLite file; a relative path is taken from the directory of runtimes.json. Default <c>.codemode/audit.db</c>.</summary>
    public string Path { get; init; } = ".codemode/audit.db";

    /// <summary>Records older than this many days are deleted (at start-up and hourly): 1 to 3650. Default 30.</summary>
    public int RetentionDays { get; init; } = 30;

    /// <summary>Only the newest this many records are kept: 1000 to 100000000. Default 1000000.</summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>Also store each tool call's argument JSON (configured secret values still redacted). Default false.</summary>
    public bool AuditArguments { get; init; }

    /// <summary>
    /// Records waiting for the background writer: 16 to 1000000. Default 10000. When full, new records are dropped,
    /// counted and logged, so auditing never slows an execution down.
    /// </summary>
    public int QueueCapacity { get; init; } = 10_000;
}
