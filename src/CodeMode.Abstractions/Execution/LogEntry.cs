namespace CodeMode.Abstractions.Execution;

/// <summary>One captured console line: <c>level</c> is log, info, warn or error.</summary>
public sealed record LogEntry(string Level, string Message);
