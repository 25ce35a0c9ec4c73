namespace CodeMode.Runtimes.JavaScript.Tests.Support;

/// <summary>One call a script made through a proxy, as the bridge saw it.</summary>
public sealed record ToolCall(string Server, string Tool, string ArgumentsJson);
