namespace CodeMode.Mcp.Resilience;

/// <summary>
/// The server could not be reached, so the request was never sent: it is always safe to try again. The message names
/// the server and the cause, never a resolved value (it may travel into the sandbox).
/// </summary>
public sealed class McpServerUnavailableException(string message) : Exception(message);
