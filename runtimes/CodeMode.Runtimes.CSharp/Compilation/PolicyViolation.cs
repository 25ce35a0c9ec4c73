using Microsoft.CodeAnalysis;

namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>Something the script may not use, and where: 1-based line and column in the user's code.</summary>
internal sealed record PolicyViolation(string Message, int Line, int Column)
{
    public static PolicyViolation At(SyntaxNodeOrToken where, string message)
    {
        var position = where.GetLocation()!.GetLineSpan().StartLinePosition;
        return new PolicyViolation(message, position.Line + 1, position.Character + 1);
    }

    public static PolicyViolation At(SyntaxTrivia where, string message)
    {
        var position = where.GetLocation().GetLineSpan().StartLinePosition;
        return new PolicyViolation(message, position.Line + 1, position.Character + 1);
    }
}
