using CodeMode.Abstractions.Audit;

namespace CodeMode.Core.Tests.Audit;

/// <summary>Builds audit records for the store and writer tests.</summary>
internal static class AuditRecords
{
    public static readonly DateTimeOffset Start = new(2026, 8, 21, 10, 0, 0, TimeSpan.Zero);

    public static AuditRecord ToolCall(int minute = 0, string client = "ci", string server = "automem", string outcome = "ok", string? detail = null, string? arguments = null) => new()
    {
        Timestamp = Start.AddMinutes(minute),
        Kind = AuditKind.ToolCall,
        Outcome = outcome,
        ClientId = client,
        ExecutionId = "exec-" + minute,
        Runtime = "javascript",
        Server = server,
        Tool = "recall_memory",
        Source = "mock",
        DurationMs = 1.5,
        ArgumentHash = new string('a', 64),
        ArgumentBytes = 2,
        Arguments = arguments,
        Detail = detail,
    };
}
