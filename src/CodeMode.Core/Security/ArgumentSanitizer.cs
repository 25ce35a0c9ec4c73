using System.Text.Json;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Core.Security;

/// <summary>
/// Refuses argument text no tool should receive: NUL characters (they cut strings short in C-based servers and
/// file APIs), unpaired UTF-16 surrogates (not valid Unicode, so not valid UTF-8 on the wire) and nesting deeper than
/// <see cref="MaxDepth"/> (a parser-exhaustion vector). Property names are checked as well as values.
/// </summary>
public static class ArgumentSanitizer
{
    /// <summary>Deepest nesting of objects and arrays in tool arguments; the arguments object itself is level 1.</summary>
    public const int MaxDepth = 32;

    /// <summary>The first problem found, as (code, message), or null when the arguments are clean.</summary>
    public static (string Code, string Message)? FindProblem(JsonElement arguments) => Walk(arguments, "", 1);

    private static (string Code, string Message)? Walk(JsonElement element, string path, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (depth > MaxDepth)
                {
                    return TooDeep(path);
                }

                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    var childPath = path.Length == 0 ? name : path + "." + name;
                    if (TextProblem(name) is { } nameProblem)
                    {
                        return (ErrorCodes.UnsafeArgumentText, $"The property name at '{Printable(childPath)}' {nameProblem}.");
                    }

                    if (Walk(property.Value, childPath, depth + 1) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.Array:
                if (depth > MaxDepth)
                {
                    return TooDeep(path);
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item, $"{path}[{index++}]", depth + 1) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.String:
                string text;
                try
                {
                    text = element.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    // System.Text.Json refuses to unescape a lone surrogate (\ud800) into a string.
                    return (ErrorCodes.UnsafeArgumentText, $"The string at '{Printable(path)}' contains an unpaired UTF-16 surrogate; send valid Unicode text.");
                }

                return TextProblem(text) is { } textProblem
                    ? (ErrorCodes.UnsafeArgumentText, $"The string at '{Printable(path)}' {textProblem}.")
                    : null;

            default:
                return null;
        }
    }

    private static string? TextProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "contains a NUL character (\\u0000); remove it";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "contains an unpaired UTF-16 surrogate; send valid Unicode text";
            }
        }

        return null;
    }

    private static (string Code, string Message) TooDeep(string path) =>
        (ErrorCodes.ArgumentsTooDeep, $"The arguments nest deeper than {MaxDepth} levels (at '{Printable(path)}'); send flatter data.");

    private static string Printable(string path)
    {
        var clean = new string(path.Select(c => c == '\0' || char.IsSurrogate(c) ? '?' : c).ToArray());
        return clean.Length == 0 ? "(arguments)" : clean.Length <= 80 ? clean : clean[..80] + "…";
    }
}
