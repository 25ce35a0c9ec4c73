using System.Text;

namespace CodeMode.Mcp.Apis;

/// <summary>Turns tool and property names into identifiers of the generated languages.</summary>
internal static class IdentifierNames
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

    /// <summary>
    /// True when <paramref name="name"/> can follow a dot in JavaScript (an ES5 IdentifierName: reserved words are
    /// allowed there, so <c>automem.delete</c> is fine); anything else must be written <c>automem["odd-name"]</c>.
    /// </summary>
    public static bool IsJavaScriptIdentifierName(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A JavaScript/TypeScript property key: bare when it can be, else a JSON string literal.</summary>
    public static string JavaScriptKey(string name) => IsJavaScriptIdentifierName(name) ? name : DocText.Literal(name);

    /// <summary>A C# identifier: invalid characters become <c>_</c>, a leading digit gets <c>_</c>, keywords get <c>@</c>.</summary>
    public static string CSharpIdentifier(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var identifier = builder.ToString();
        return CSharpKeywords.Contains(identifier) ? "@" + identifier : identifier;
    }

    /// <summary><c>store_memory</c> and <c>storeMemory</c> → <c>StoreMemory</c>; for generated type names.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder();
        foreach (var word in WordSplitter.Split(name))
        {
            builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
