namespace CodeMode.Mcp.Apis;

/// <summary>Turns tool and property names into identifiers of the generated languages.</summary>
internal static class IdentifierNames
{
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
}
