using System.Text;

namespace CodeMode.Abstractions.Naming;

/// <summary>
/// How server, tool and property names become identifiers, in one place for everything that must agree: the
/// configuration (server names), the MCP client (tool names), the declarations agents read and the csharp runtime's
/// typed proxies (which may not reference the MCP project).
/// </summary>
public static class Identifiers
{
    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary><c>brave-search</c> → <c>brave_search</c>: anything but ASCII letters, digits and <c>_</c> becomes <c>_</c>, and a leading digit gets <c>_</c>.</summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary><see cref="Sanitize"/>, and a C# keyword gets <c>@</c>.</summary>
    public static string CSharp(string name)
    {
        var identifier = Sanitize(name);
        return CSharpKeywords.Contains(identifier) ? "@" + identifier : identifier;
    }

    /// <summary><c>store_memory</c> and <c>storeMemory</c> → <c>StoreMemory</c>.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder();
        foreach (var word in Words(name))
        {
            builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>Lower-case words, split on non-alphanumerics, camelCase humps (<c>HTTPServer</c> → http, server) and letter/digit edges.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(current, words);
                continue;
            }

            if (current.Length > 0)
            {
                var previous = text[i - 1];
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                var hump = char.IsUpper(c) && (char.IsLower(previous) || (char.IsUpper(previous) && char.IsLower(next)));
                if (hump || char.IsDigit(c) != char.IsDigit(previous))
                {
                    Flush(current, words);
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(current, words);
        return words;
    }

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
