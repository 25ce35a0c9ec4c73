namespace CodeMode.Mcp.Clients;

/// <summary>One server's status. <see cref="LastError"/> never holds a resolved secret.</summary>
/// <param name="Transport"><c>stdio</c>, <c>http</c> or <c>sse</c>.</param>
/// <param name="ToolCount">Tools scripts can call right now: the live list, or the mock's when the mock stands in.</param>
/// <param name="LatencyMs">Duration of the last successful call or health check, if any.</param>
/// <param name="Circuit"><c>closed</c>, <c>open</c>, <c>halfOpen</c> or <c>isolated</c>.</param>
public sealed record McpServerStatus(
    string Name,
    string Transport,
    McpServerState State,
    int ToolCount,
    string? LastError,
    double? LatencyMs,
    string Circuit);
