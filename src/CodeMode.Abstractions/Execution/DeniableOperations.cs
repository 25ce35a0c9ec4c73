namespace CodeMode.Abstractions.Execution;

/// <summary>
/// The operations a runtime's <c>deniedOperations</c> may name, per language. The configuration rejects any
/// other name, so a denial can never be silently ignored.
/// </summary>
public static class DeniableOperations
{
    /// <summary>javascript: <c>eval</c> (direct and indirect) and <c>Function</c> (the global and every <c>.constructor</c> path to it).</summary>
    public static IReadOnlyList<string> JavaScript { get; } = ["eval", "Function"];

    public static IReadOnlyList<string> For(string language) => language switch
    {
        "javascript" => JavaScript,
        _ => [],
    };
}
