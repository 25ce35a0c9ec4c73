namespace CodeMode.Core.Configuration;

/// <summary>
/// The allowed range of every numeric runtimes.json field, in one place so the validators, the
/// <c>MCP_CLIENT_TIMEOUT</c> override and docs/configuration.md agree. Limits that script code can reach are always
/// finite: no range includes "0 means unlimited".
/// </summary>
public static class ConfigurationLimits
{
    private const long Megabyte = 1024 * 1024;

    // runtimes.*
    public const int MinTimeoutMs = 1;
    public const int MaxTimeoutMs = 600_000;
    public const long MinMemoryLimitBytes = 16 * Megabyte;
    public const long MaxMemoryLimitBytes = 8 * 1024 * Megabyte;
    public const long MinStatements = 1;
    public const long MaxStatements = 10_000_000_000;
    public const int MinRecursion = 1;
    public const int MaxRecursion = 10_000;
    public const int MinOutputBytes = 1;
    public const int MaxOutputBytes = (int)(64 * Megabyte);
    public const int MinToolCalls = 1;
    public const int MaxToolCalls = 100_000;

    // mcpServers.*
    public const int MinRateLimitPerMinute = 1;
    public const int MaxRateLimitPerMinute = 100_000;
    public const int MinServerTimeoutMs = 1;
    public const int MaxServerTimeoutMs = 600_000;

    // server
    public const int MinCodeBytes = 1;
    public const int MaxCodeBytes = (int)(16 * Megabyte);

    // sandbox
    public const int MinPoolSize = 1;
    public const int MaxPoolSize = 64;
    public const int MinQueuedExecutions = 0;
    public const int MaxQueuedExecutions = 100_000;
    public const int MinWorkerStartTimeoutMs = 100;
    public const int MaxWorkerStartTimeoutMs = 120_000;
    public const int MinKillGraceMs = 1;
    public const int MaxKillGraceMs = 5_000;

    // security.apiKeys.* and security.audit
    public const int MinApiKeyRatePerMinute = 1;
    public const int MaxApiKeyRatePerMinute = 100_000;
    public const int MinApiKeyLength = 16;
    public const int MinAuditRetentionDays = 1;
    public const int MaxAuditRetentionDays = 3650;
    public const int MinAuditRows = 1000;
    public const int MaxAuditRows = 100_000_000;
    public const int MinAuditQueue = 16;
    public const int MaxAuditQueue = 1_000_000;

    // security
    public const int MinPayloadBytes = 1;
    public const int MaxPayloadBytes = (int)(64 * Megabyte);
}
