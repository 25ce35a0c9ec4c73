namespace CodeMode.Abstractions.Execution;

/// <summary>
/// A structured error: a stable <c>CM####</c> code (see <see cref="ErrorCodes"/>), a message meant for the
/// script's author, and where known the 1-based line and column in the submitted code and the tool involved.
/// </summary>
public sealed record ScriptError(string Code, string Message, int? Line = null, int? Column = null, string? Tool = null);
