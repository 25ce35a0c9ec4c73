using System.Text;
using System.Text.RegularExpressions;

namespace CodeMode.Mocks.Serena;

/// <summary>
/// Finds the symbols of C#-like source by simple parsing: type, method, constructor, property, field, constant and
/// enum-member declarations at type-body level, with their line ranges from brace matching over the text with
/// strings and comments blanked out. Not Roslyn (that is a later issue), but enough for the sample project's shapes.
/// File-scoped namespaces are not symbols here, so name paths start at the type: <c>OrderService/PlaceOrder</c>.
/// </summary>
internal static partial class CSharpSymbolParser
{
    private const string Modifiers = @"(?:(?:public|private|protected|internal|static|virtual|override|abstract|sealed|async|extern|unsafe|new|partial|readonly|required|volatile|file|const)\s+)*";

    public static List<CodeSymbol> Parse(string relativePath, string content)
    {
        var lines = content.Split('\n');
        var code = Blank(content).Split('\n');
        var symbols = new List<CodeSymbol>();
        ParseRange(relativePath, lines, code, 0, lines.Length - 1, null, symbols);
        return symbols;
    }

    private static void ParseRange(string path, string[] lines, string[] code, int first, int last, CodeSymbol? parent, List<CodeSymbol> into)
    {
        var line = first;
        while (line <= last)
        {
            var text = code[line].Trim();
            if (text.Length == 0 || text.StartsWith('[') || text.StartsWith("using ", StringComparison.Ordinal) || text is "{" or "}")
            {
                line++;
                continue;
            }

            if (NamespaceDeclaration().Match(text) is { Success: true } ns)
            {
                // Block namespaces contain symbols; file-scoped ones just end with ';'.
                if (!text.EndsWith(';'))
                {
                    var (_, nsEnd) = Extent(code, line);
                    ParseRange(path, lines, code, line + 1, Math.Min(nsEnd - 1, last), parent, into);
                    line = nsEnd + 1;
                    continue;
                }

                line++;
                continue;
            }

            var declared = Declare(path, lines, code, line, parent);
            if (declared is null)
            {
                line++;
                continue;
            }

            var (symbol, bodyStart) = declared.Value;
            into.Add(symbol);
            if (symbol.IsType && bodyStart >= 0)
            {
                if (symbol.Kind == 10)
                {
                    EnumMembers(path, lines, code, bodyStart, symbol.EndLine, symbol);
                }
                else
                {
                    ParseRange(path, lines, code, bodyStart, symbol.EndLine, symbol, symbol.Children);
                }
            }

            line = symbol.EndLine + 1;
        }

        NumberOverloads(into);
    }

    private static (CodeSymbol Symbol, int BodyStart)? Declare(string path, string[] lines, string[] code, int line, CodeSymbol? parent)
    {
        var text = code[line];
        var indent = text.Length - text.TrimStart().Length;
        var trimmed = text.Trim();

        int kind;
        Match match;
        if ((match = TypeDeclaration().Match(trimmed)).Success)
        {
            kind = match.Groups["keyword"].Value switch
            {
                "interface" => 11,
                "enum" => 10,
                "struct" or "record struct" => 23,
                _ => 5,
            };
        }
        else if (parent is { } owner && (match = ConstructorDeclaration().Match(trimmed)).Success && match.Groups["name"].Value == owner.Name)
        {
            kind = 9;
        }
        else if (parent is not null && (match = MemberDeclaration().Match(trimmed)).Success && !IsKeyword(match.Groups["type"].Value))
        {
            var rest = match.Groups["rest"].Value.TrimStart();
            kind = rest.StartsWith('(') || rest.StartsWith('<') ? 6
                : rest.StartsWith('{') || rest.StartsWith("=>", StringComparison.Ordinal) ? 7
                : Regex.IsMatch(trimmed, @"\bconst\b") ? 14
                : 8;
        }
        else
        {
            return null;
        }

        var name = match.Groups["name"].Value.TrimStart('@');
        var (bodyStart, end) = Extent(code, line);
        var signatureEnd = trimmed.IndexOfAny(['{', ';']);
        var arrow = trimmed.IndexOf("=>", StringComparison.Ordinal);
        if (arrow >= 0 && (signatureEnd < 0 || arrow < signatureEnd))
        {
            signatureEnd = arrow;
        }

        var signature = (signatureEnd >= 0 ? lines[line].Trim()[..Math.Min(signatureEnd, lines[line].Trim().Length)] : lines[line].Trim()).TrimEnd();
        var symbol = new CodeSymbol
        {
            Name = name,
            Kind = kind,
            RelativePath = path,
            StartLine = line,
            EndLine = end,
            NameColumn = indent + match.Groups["name"].Index,
            Signature = signature,
            Parent = parent,
        };
        return (symbol, bodyStart);
    }

    private static void EnumMembers(string path, string[] lines, string[] code, int first, int last, CodeSymbol owner)
    {
        for (var line = first; line < last; line++)
        {
            var text = code[line].Trim();
            if (EnumMember().Match(text) is { Success: true } member)
            {
                var indent = code[line].Length - code[line].TrimStart().Length;
                owner.Children.Add(new CodeSymbol
                {
                    Name = member.Groups["name"].Value,
                    Kind = 22,
                    RelativePath = path,
                    StartLine = line,
                    EndLine = line,
                    NameColumn = indent,
                    Signature = lines[line].Trim().TrimEnd(','),
                    Parent = owner,
                });
            }
        }
    }

    /// <summary>Where the declaration at <paramref name="line"/> ends: its matching '}' or its ';'. Also the line after its '{'.</summary>
    private static (int BodyStart, int End) Extent(string[] code, int line)
    {
        var depth = 0;
        var parens = 0;
        var opened = false;
        var arrow = false;
        for (var l = line; l < code.Length; l++)
        {
            var text = code[l];
            for (var c = 0; c < text.Length; c++)
            {
                switch (text[c])
                {
                    case '(':
                    case '[':
                        parens++;
                        break;
                    case ')':
                    case ']':
                        parens--;
                        break;
                    case '=' when c + 1 < text.Length && text[c + 1] == '>' && depth == 0 && parens == 0 && !opened:
                        arrow = true;
                        break;
                    case '{':
                        if (!arrow || depth > 0)
                        {
                            depth++;
                            opened = true;
                        }

                        break;
                    case '}':
                        depth--;
                        if (opened && depth == 0)
                        {
                            return (BodyStart(code, line), l);
                        }

                        break;
                    case ';' when depth == 0 && parens == 0:
                        return (-1, l);
                }
            }
        }

        return (-1, code.Length - 1);
    }

    private static int BodyStart(string[] code, int line)
    {
        for (var l = line; l < code.Length; l++)
        {
            if (code[l].Contains('{'))
            {
                return l + 1;
            }
        }

        return line + 1;
    }

    private static void NumberOverloads(List<CodeSymbol> symbols)
    {
        foreach (var group in symbols.GroupBy(symbol => symbol.Name).Where(group => group.Count() > 1))
        {
            var index = 0;
            foreach (var symbol in group)
            {
                symbol.OverloadIndex = index++;
            }
        }
    }

    private static bool IsKeyword(string word) => word is "return" or "if" or "else" or "while" or "for" or "foreach" or "switch" or "case" or "throw" or "await" or "yield" or "var" or "using" or "namespace" or "new";

    /// <summary>The text with string, char and comment contents replaced by spaces, line breaks kept.</summary>
    internal static string Blank(string content)
    {
        var result = new StringBuilder(content.Length);
        var i = 0;
        while (i < content.Length)
        {
            var c = content[i];
            if (c == '/' && i + 1 < content.Length && content[i + 1] == '/')
            {
                while (i < content.Length && content[i] != '\n')
                {
                    result.Append(' ');
                    i++;
                }
            }
            else if (c == '/' && i + 1 < content.Length && content[i + 1] == '*')
            {
                while (i < content.Length && !(content[i] == '*' && i + 1 < content.Length && content[i + 1] == '/'))
                {
                    result.Append(content[i] == '\n' ? '\n' : ' ');
                    i++;
                }

                result.Append("  ");
                i += 2;
            }
            else if (c is '"' or '\'')
            {
                var verbatim = (i > 0 && content[i - 1] == '@') || (i > 1 && content[i - 2] == '@');
                var interpolated = c == '"' && ((i > 0 && content[i - 1] == '$') || (i > 1 && content[i - 2] == '$'));
                var hole = 0;
                result.Append(c);
                i++;
                while (i < content.Length && (content[i] != c || hole > 0))
                {
                    if (interpolated && content[i] == '{' && hole == 0 && i + 1 < content.Length && content[i + 1] == '{')
                    {
                        result.Append("  ");
                        i += 2;
                        continue;
                    }

                    if (interpolated && (content[i] == '{' || (hole > 0 && content[i] == '}')))
                    {
                        // Interpolation holes are code: keep them, so references inside $"..." are found.
                        hole += content[i] == '{' ? 1 : -1;
                        result.Append(' ');
                        i++;
                        continue;
                    }

                    if (hole > 0)
                    {
                        result.Append(content[i]);
                        i++;
                        continue;
                    }

                    if (content[i] == '\\' && !verbatim && i + 1 < content.Length)
                    {
                        result.Append("  ");
                        i += 2;
                        continue;
                    }

                    result.Append(content[i] == '\n' ? '\n' : ' ');
                    i++;
                }

                if (i < content.Length)
                {
                    result.Append(c);
                    i++;
                }
            }
            else
            {
                result.Append(c);
                i++;
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"^namespace\s+[\w.]+")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^" + Modifiers + @"(?<keyword>class|interface|enum|struct|record\s+struct|record\s+class|record)\s+(?<name>@?\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^(?:(?:public|private|protected|internal|static)\s+)*(?<name>\w+)\s*\(")]
    private static partial Regex ConstructorDeclaration();

    [GeneratedRegex(@"^" + Modifiers + @"(?<type>[\w.]+(?:<[^=;{}()]*>)?(?:\[\])*\??)\s+(?<name>@?\w+)\s*(?<rest>.*)$")]
    private static partial Regex MemberDeclaration();

    [GeneratedRegex(@"^(?<name>\w+)\s*(?:=[^,]*)?,?$")]
    private static partial Regex EnumMember();
}
