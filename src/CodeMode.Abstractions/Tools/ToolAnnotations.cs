namespace CodeMode.Abstractions.Tools;

/// <summary>The MCP behaviour hints of a tool; null means the server did not say.</summary>
public sealed record ToolAnnotations(
    string? Title = null,
    bool? ReadOnlyHint = null,
    bool? DestructiveHint = null,
    bool? IdempotentHint = null,
    bool? OpenWorldHint = null);
