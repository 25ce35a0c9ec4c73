namespace CodeMode.Core.Configuration;

/// <summary>
/// One problem found in runtimes.json: where it is, what is wrong and how to fix it.
/// </summary>
/// <param name="Path">
/// The JSON path of the offending value, e.g. <c>runtimes.javascript.timeout</c> or <c>mcpServers.serena.args[4]</c>;
/// <c>$</c> for the whole document; <c>env:NAME</c> for an environment override.
/// </param>
/// <param name="Message">What is wrong, with the value found when that is safe to show (never an env or header value).</param>
/// <param name="Fix">What to change, e.g. "set a whole number of milliseconds from 1 to 600000, e.g. 5000".</param>
public sealed record ConfigurationError(string Path, string Message, string Fix)
{
    /// <summary>
    /// The file this error is in when it is not the one the exception names (a server of an <c>--mcp-config</c> file);
    /// null otherwise.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>1-based line of a JSON syntax error; null for every other error.</summary>
    public long? Line { get; init; }

    /// <summary>1-based byte position within <see cref="Line"/> of a JSON syntax error; null for every other error.</summary>
    public long? BytePositionInLine { get; init; }

    /// <summary>One line: <c>path: message. Fix: fix.</c></summary>
    public override string ToString() => $"{Path}: {EndSentence(Message)} Fix: {EndSentence(Fix)}";

    private static string EndSentence(string text) =>
        text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') ? text : text + ".";
}
