namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>
/// Recognises ECMAScript 2015+ syntax in code that Jint's ES5.1 parser rejected, so the author learns to switch
/// runtimes instead of hunting a "typo". It only runs after a parse failure and only names a feature found at or
/// before the position where the parser gave up: a construct after that point cannot have caused the error, and a
/// plain typo (no modern construct before it) stays a syntax error.
/// </summary>
/// <remarks>
/// A small tokenizer (strings, comments, regular-expression literals and template literals are skipped correctly
/// enough for this purpose) followed by pattern checks over the tokens. It recognises: arrow functions, template
/// literals, classes, async/await, generators, destructuring, spread/rest, default parameters, for...of,
/// optional chaining, nullish coalescing, the exponent operator, logical assignment, shorthand and computed
/// properties, method shorthand, modules, binary/octal literals, numeric separators, BigInt, private members and
/// trailing commas in argument lists. <c>let</c> and <c>const</c> are not on the list: Jint accepts them (as <c>var</c>).
/// </remarks>
internal static class ModernSyntaxDetector
{
    private static readonly string[] Punctuators =
    [
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "<<", ">>", "**",
    ];

    private static readonly HashSet<string> KeywordsBeforeExpression =
        ["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"];

    /// <summary>The first ES2015+ construct in <paramref name="code"/>, or null.</summary>
    public static ModernSyntaxFinding? FindFirst(string code)
    {
        var tokens = Tokenize(code, out var template);
        var finding = Analyze(tokens);
        if (template is { } t && (finding is null || t < finding.Value.Index))
        {
            return new ModernSyntaxFinding(t, "template literals (`...`)", "join strings with +, e.g. 'Hello ' + name");
        }

        return finding;
    }

    private static ModernSyntaxFinding? Analyze(List<Token> tokens)
    {
        var frames = new Stack<Frame>();
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            var previous = t > 0 ? tokens[t - 1] : default;
            var next = t + 1 < tokens.Count ? tokens[t + 1] : default;

            if (frames.Count > 0 && frames.Peek() is { Kind: FrameKind.Object, ExpectKey: true })
            {
                frames.Push(frames.Pop() with { ExpectKey = false });
                if (token.Is("["))
                {
                    return Found(token, "computed property names ({ [key]: value })", "create the object first, then assign: o[key] = value");
                }

                if (token.Is("*"))
                {
                    return Found(token, "generator methods", "generators do not exist in ES5; return an array instead");
                }

                if (token.Kind is TokenKind.Identifier or TokenKind.String or TokenKind.Number)
                {
                    if (token.Kind == TokenKind.Identifier && (next.Is(",") || next.Is("}")))
                    {
                        return Found(token, "shorthand properties ({ name })", "write { name: name }");
                    }

                    // "get name() {}" and "set name(v) {}" are ES5 accessors; "get() {}" is method shorthand.
                    if (next.Is("(") || (token.Text == "async" && next.Kind == TokenKind.Identifier))
                    {
                        return Found(token, "method shorthand ({ name() { ... } })", "write { name: function () { ... } }");
                    }
                }
            }

            switch (token.Kind)
            {
                case TokenKind.Hash:
                    return Found(token, "private class members (#name)", "classes do not exist in ES5; use a constructor function and prototype methods");

                case TokenKind.Number when token.Text.Length > 1 && token.Text[0] == '0' && token.Text[1] is 'b' or 'B' or 'o' or 'O':
                    return Found(token, "binary and octal literals (0b..., 0o...)", "use parseInt('1010', 2) or a decimal or hexadecimal literal");

                case TokenKind.Number when token.Text.Contains('_'):
                    return Found(token, "numeric separators (1_000)", "write the number without underscores");

                case TokenKind.Number when token.Text.EndsWith('n'):
                    return Found(token, "BigInt literals (10n)", "use ordinary numbers (exact up to 2^53)");

                case TokenKind.Punctuator:
                    switch (token.Text)
                    {
                        case "=>":
                            return Found(token, "arrow functions (=>)", "write function (x) { return ...; }");
                        case "...":
                            return Found(token, "spread and rest syntax (...)", "use fn.apply(null, args), array.concat(...) or the arguments object");
                        case "?.":
                            return Found(token, "optional chaining (?.)", "test each step: a && a.b && a.b.c");
                        case "??" or "??=":
                            return Found(token, "nullish coalescing (??)", "write (a !== null && a !== undefined) ? a : b");
                        case "**" or "**=":
                            return Found(token, "the exponent operator (**)", "use Math.pow(a, b)");
                        case "&&=" or "||=":
                            return Found(token, "logical assignment (||=, &&=)", "write a = a || b");
                        case "," when next.Is(")"):
                            return Found(token, "trailing commas in argument or parameter lists", "remove the comma before )");
                        case "{":
                            frames.Push(new Frame(OpensObjectLiteral(previous, frames) ? FrameKind.Object : FrameKind.Block, ExpectKey: true));
                            break;
                        case "(":
                            frames.Push(new Frame(FrameKind.Paren, ExpectKey: false));
                            break;
                        case "[":
                            frames.Push(new Frame(FrameKind.Bracket, ExpectKey: false));
                            break;
                        case "}" or ")" or "]":
                            if (frames.Count > 0)
                            {
                                frames.Pop();
                            }

                            break;
                        case ",":
                            if (frames.Count > 0 && frames.Peek().Kind == FrameKind.Object)
                            {
                                frames.Push(frames.Pop() with { ExpectKey = true });
                            }

                            break;
                    }

                    break;

                case TokenKind.Identifier when !previous.Is("."):
                    if (CheckKeyword(tokens, t) is { } keywordFinding)
                    {
                        return keywordFinding;
                    }

                    break;
            }
        }

        return null;
    }

    private static ModernSyntaxFinding? CheckKeyword(List<Token> tokens, int t)
    {
        var token = tokens[t];
        var next = t + 1 < tokens.Count ? tokens[t + 1] : default;
        var afterNext = t + 2 < tokens.Count ? tokens[t + 2] : default;
        switch (token.Text)
        {
            case "class" when (next.Kind == TokenKind.Identifier && next.Text != "in") || next.Is("{"):
                return Found(token, "classes", "use a constructor function and add methods to its prototype");
            case "async" when next.Text == "function" || (next.Kind == TokenKind.Identifier && afterNext.Is("=>")):
                return Found(token, "async functions", "tool calls are synchronous here: var r = server.tool({ ... })");
            case "await" when next.Kind is TokenKind.Identifier or TokenKind.Number or TokenKind.String || next.Is("["):
                return Found(token, "await", "tool calls are synchronous here: var r = server.tool({ ... }) without await");
            case "let" or "const" or "var" when next.Is("[") || next.Is("{"):
                return Found(token, "destructuring", "read the parts one by one: var a = arr[0]; var x = obj.x;");
            case "import" or "export":
                return Found(token, "modules (import/export)", "nothing needs importing: the tools are already globals (e.g. automem)");
            case "for" when next.Is("("):
                var i = t + 2;
                if (i < tokens.Count && tokens[i].Text is "var" or "let" or "const")
                {
                    i++;
                }

                if (i + 1 < tokens.Count && tokens[i].Kind == TokenKind.Identifier && tokens[i + 1].Text == "of")
                {
                    return Found(token, "for...of loops", "use for (var i = 0; i < arr.length; i++) or arr.forEach(function (x) { ... })");
                }

                return null;
            case "function":
                return CheckParameters(tokens, t);
            default:
                return null;
        }
    }

    private static ModernSyntaxFinding? CheckParameters(List<Token> tokens, int t)
    {
        var i = t + 1;
        if (i < tokens.Count && tokens[i].Is("*"))
        {
            return Found(tokens[t], "generator functions (function*)", "generators do not exist in ES5; return an array instead");
        }

        if (i < tokens.Count && tokens[i].Kind == TokenKind.Identifier)
        {
            i++;
        }

        if (i >= tokens.Count || !tokens[i].Is("("))
        {
            return null;
        }

        var depth = 0;
        for (; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Text is "(" or "[" or "{")
            {
                if (depth == 1 && token.Text is "[" or "{" && tokens[i - 1].Text is "(" or ",")
                {
                    return Found(token, "destructuring parameters", "take the object or array and read its parts inside the function");
                }

                depth++;
            }
            else if (token.Text is ")" or "]" or "}")
            {
                if (--depth == 0)
                {
                    return null;
                }
            }
            else if (depth == 1 && token.Is("="))
            {
                return Found(token, "default parameter values", "write if (x === undefined) { x = ...; } inside the function");
            }
        }

        return null;
    }

    private static bool OpensObjectLiteral(Token previous, Stack<Frame> frames)
    {
        if (previous.Kind == TokenKind.None)
        {
            return false;
        }

        if (previous.Kind == TokenKind.Identifier)
        {
            return previous.Text is "return" or "typeof" or "in" or "of" or "case" or "throw" or "new" or "void";
        }

        if (previous.Kind != TokenKind.Punctuator)
        {
            return false;
        }

        return previous.Text switch
        {
            ")" or "]" or "}" or ";" => false,
            // After a label or a case clause a brace opens a block; inside an expression it opens an object.
            ":" => frames.Count > 0 && frames.Peek().Kind is FrameKind.Object or FrameKind.Paren or FrameKind.Bracket,
            _ => true,
        };
    }

    private static ModernSyntaxFinding Found(Token token, string feature, string instead) => new(token.Start, feature, instead);

    private static List<Token> Tokenize(string code, out int? templateStart)
    {
        templateStart = null;
        var tokens = new List<Token>();
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            var next = i + 1 < code.Length ? code[i + 1] : '\0';
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '/' && next == '/')
            {
                while (i < code.Length && !SourceText.IsLineTerminator(code[i]))
                {
                    i++;
                }
            }
            else if (c == '/' && next == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? code.Length : end + 2;
            }
            else if (c is '\'' or '"')
            {
                var start = i;
                i = SkipQuoted(code, i, c);
                tokens.Add(new Token(TokenKind.String, start, code[start..i]));
            }
            else if (c == '`')
            {
                templateStart ??= i;
                i = SkipQuoted(code, i, '`');
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < code.Length && IsIdentifierPart(code[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, start, code[start..i]));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
            {
                var start = i;
                i++;
                while (i < code.Length && (char.IsAsciiLetterOrDigit(code[i]) || code[i] is '_' or '.'
                    || (code[i] is '+' or '-' && code[i - 1] is 'e' or 'E' && !(code[start..i].StartsWith("0x", StringComparison.OrdinalIgnoreCase)))))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, start, code[start..i]));
            }
            else if (c == '/' && RegexMayStartAfter(tokens.Count > 0 ? tokens[^1] : default))
            {
                var start = i;
                i = SkipRegex(code, i);
                tokens.Add(new Token(TokenKind.Regex, start, code[start..i]));
            }
            else if (c == '#')
            {
                tokens.Add(new Token(TokenKind.Hash, i, "#"));
                i++;
            }
            else
            {
                var punctuator = MatchPunctuator(code, i);
                // "a ?.5 : b" is a conditional with a number, not optional chaining.
                if (punctuator == "?." && i + 2 < code.Length && char.IsAsciiDigit(code[i + 2]))
                {
                    punctuator = "?";
                }

                tokens.Add(new Token(TokenKind.Punctuator, i, punctuator));
                i += punctuator.Length;
            }
        }

        return tokens;
    }

    private static string MatchPunctuator(string code, int i)
    {
        foreach (var candidate in Punctuators)
        {
            if (string.CompareOrdinal(code, i, candidate, 0, candidate.Length) == 0)
            {
                return candidate;
            }
        }

        return code[i].ToString();
    }

    private static bool RegexMayStartAfter(Token previous) => previous.Kind switch
    {
        TokenKind.None => true,
        TokenKind.Punctuator => previous.Text is not (")" or "]" or "}"),
        TokenKind.Identifier => KeywordsBeforeExpression.Contains(previous.Text),
        _ => false,
    };

    private static int SkipQuoted(string code, int i, char quote)
    {
        i++;
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            i++;
            if (c == quote || (quote != '`' && SourceText.IsLineTerminator(c)))
            {
                break;
            }
        }

        return Math.Min(i, code.Length);
    }

    private static int SkipRegex(string code, int i)
    {
        var inClass = false;
        i++;
        while (i < code.Length)
        {
            var c = code[i];
            if (SourceText.IsLineTerminator(c))
            {
                return i;
            }

            i++;
            if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                break;
            }
        }

        while (i < code.Length && IsIdentifierPart(code[i]))
        {
            i++;
        }

        return Math.Min(i, code.Length);
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '$' or '_' or '\\';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '$' or '_' or '\\' or '\u200c' or '\u200d';

    private enum TokenKind
    {
        None,
        Identifier,
        Number,
        String,
        Regex,
        Punctuator,
        Hash,
    }

    private enum FrameKind
    {
        Block,
        Object,
        Paren,
        Bracket,
    }

    private readonly record struct Frame(FrameKind Kind, bool ExpectKey);

    private readonly record struct Token(TokenKind Kind, int Start, string Text)
    {
        public bool Is(string punctuator) => Kind == TokenKind.Punctuator && Text == punctuator;
    }
}
