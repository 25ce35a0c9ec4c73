using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeMode.Mocks.Serena;

/// <summary>
/// The symbols of a C# file, read from its Roslyn syntax tree the way Serena's C# language server reports them: types,
/// methods, constructors, properties, fields, constants, events, operators and enum members, with their line ranges.
/// File-scoped and block namespaces are not symbols here, so name paths start at the type: <c>OrderService/PlaceOrder</c>.
/// Syntax only (no compilation): the sample project's references resolve by name, which is what the tools need.
/// </summary>
internal static partial class CSharpSymbolParser
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static SyntaxTree ParseTree(string content) => CSharpSyntaxTree.ParseText(content, ParseOptions);

    public static List<CodeSymbol> Parse(string relativePath, string content)
    {
        var tree = ParseTree(content);
        var text = tree.GetText();
        var symbols = new List<CodeSymbol>();
        AddMembers(relativePath, text, tree.GetCompilationUnitRoot().Members, null, symbols);
        return symbols;
    }

    /// <summary>
    /// Where <paramref name="name"/> is used as an identifier (a simple or generic name, not a declaration), as
    /// 0-based (line, column, offset); strings and comments never count, since they are not identifier tokens.
    /// </summary>
    public static IEnumerable<(int Line, int Column, int Offset)> Uses(SyntaxTree tree, string name)
    {
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && token.Parent is SimpleNameSyntax)
            {
                var position = token.GetLocation().GetLineSpan().StartLinePosition;
                yield return (position.Line, position.Character, token.SpanStart);
            }
        }
    }

    /// <summary>Every identifier token spelled <paramref name="name"/>, declarations included: what a rename rewrites.</summary>
    public static IEnumerable<int> IdentifierOffsets(SyntaxTree tree, string name) =>
        tree.GetRoot().DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name).Select(token => token.SpanStart);

    private static void AddMembers(string path, SourceText text, SyntaxList<MemberDeclarationSyntax> members, CodeSymbol? parent, List<CodeSymbol> into)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    AddMembers(path, text, ns.Members, parent, into);
                    break;
                case EnumDeclarationSyntax enumeration:
                {
                    var symbol = Symbol(path, text, enumeration, enumeration.Identifier, 10, enumeration.OpenBraceToken.SpanStart, parent);
                    foreach (var value in enumeration.Members)
                    {
                        symbol.Children.Add(Symbol(path, text, value, value.Identifier, 22, value.Span.End, symbol));
                    }

                    into.Add(symbol);
                    break;
                }

                case TypeDeclarationSyntax type:
                {
                    var kind = type switch
                    {
                        InterfaceDeclarationSyntax => 11,
                        StructDeclarationSyntax => 23,
                        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => 23,
                        _ => 5,
                    };
                    var bodyStart = type.OpenBraceToken.IsMissing ? type.Span.End : type.OpenBraceToken.SpanStart;
                    var symbol = Symbol(path, text, type, type.Identifier, kind, bodyStart, parent);
                    AddMembers(path, text, type.Members, symbol, symbol.Children);
                    into.Add(symbol);
                    break;
                }

                case MethodDeclarationSyntax method:
                    into.Add(Symbol(path, text, method, method.Identifier, 6, BodyStart(method.Body, method.ExpressionBody, method.SemicolonToken), parent));
                    break;
                case ConstructorDeclarationSyntax constructor:
                    into.Add(Symbol(path, text, constructor, constructor.Identifier, 9, BodyStart(constructor.Body, constructor.ExpressionBody, constructor.SemicolonToken), parent));
                    break;
                case PropertyDeclarationSyntax property:
                    into.Add(Symbol(path, text, property, property.Identifier, 7,
                        (property.AccessorList?.SpanStart ?? property.ExpressionBody?.SpanStart) ?? property.Span.End, parent));
                    break;
                case EventDeclarationSyntax eventDeclaration:
                    into.Add(Symbol(path, text, eventDeclaration, eventDeclaration.Identifier, 24, eventDeclaration.AccessorList?.SpanStart ?? eventDeclaration.Span.End, parent));
                    break;
                case BaseFieldDeclarationSyntax field:
                {
                    var kind = field is EventFieldDeclarationSyntax ? 24 : field.Modifiers.Any(SyntaxKind.ConstKeyword) ? 14 : 8;
                    foreach (var variable in field.Declaration.Variables)
                    {
                        into.Add(Symbol(path, text, field, variable.Identifier, kind, field.SemicolonToken.SpanStart, parent));
                    }

                    break;
                }

                case OperatorDeclarationSyntax op:
                    into.Add(Symbol(path, text, op, op.OperatorToken, 25, BodyStart(op.Body, op.ExpressionBody, op.SemicolonToken), parent));
                    break;
            }
        }

        NumberOverloads(into);
    }

    private static int BodyStart(BlockSyntax? body, ArrowExpressionClauseSyntax? arrow, SyntaxToken semicolon) =>
        body?.SpanStart ?? arrow?.SpanStart ?? semicolon.SpanStart;

    private static CodeSymbol Symbol(string path, SourceText text, MemberDeclarationSyntax node, SyntaxToken name, int kind, int signatureEnd, CodeSymbol? parent)
    {
        // The declaration starts at its modifiers or keyword, after any attributes, as the language server's range does.
        var start = node.AttributeLists.Count > 0 ? node.AttributeLists[^1].GetLastToken().GetNextToken().SpanStart : node.SpanStart;
        var signature = WhiteSpace().Replace(text.ToString(TextSpan.FromBounds(start, Math.Max(start, signatureEnd))), " ").Trim();
        var nameLine = text.Lines.GetLinePosition(name.SpanStart);
        return new CodeSymbol
        {
            Name = name.ValueText,
            Kind = kind,
            RelativePath = path,
            StartLine = text.Lines.GetLinePosition(start).Line,
            EndLine = text.Lines.GetLinePosition(node.Span.End).Line,
            NameColumn = nameLine.Character,
            Signature = signature,
            Parent = parent,
        };
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

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
