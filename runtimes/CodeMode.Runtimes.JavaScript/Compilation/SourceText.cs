namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>
/// Positions in the submitted code, counted the way Jint's lexer counts them: lines end at \n, \r, \r\n,
/// U+2028 or U+2029; lines and columns are 1-based.
/// </summary>
internal static class SourceText
{
    public static (int Line, int Column) PositionOf(string code, int index)
    {
        index = Math.Clamp(index, 0, code.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            var c = code[i];
            if (c == '\r' && i + 1 < code.Length && code[i + 1] == '\n')
            {
                continue;
            }

            if (IsLineTerminator(c))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    /// <summary>The text of a 1-based line without its terminator, or null when there is no such line.</summary>
    public static string? LineAt(string code, int line)
    {
        var current = 1;
        var start = 0;
        for (var i = 0; i <= code.Length; i++)
        {
            var end = i == code.Length;
            if (!end && !IsLineTerminator(code[i]))
            {
                continue;
            }

            if (current == line)
            {
                return code[start..i];
            }

            if (end)
            {
                break;
            }

            if (code[i] == '\r' && i + 1 < code.Length && code[i + 1] == '\n')
            {
                i++;
            }

            current++;
            start = i + 1;
        }

        return null;
    }

    public static bool IsLineTerminator(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';
}
