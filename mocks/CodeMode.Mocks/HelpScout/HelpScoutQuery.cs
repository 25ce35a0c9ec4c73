namespace CodeMode.Mocks.HelpScout;

/// <summary>One leaf of a Help Scout search query: <c>field:value</c>, <c>field:[from TO to]</c>, or a bare word.</summary>
internal sealed record QueryTerm(string? Field, string Value, string? RangeFrom = null, string? RangeTo = null);

/// <summary>
/// Help Scout's search query syntax, enough of it for the agents' usual queries: <c>field:value</c>,
/// <c>field:"a phrase"</c>, bare words and phrases, ranges <c>createdAt:[2026-01-01T00:00:00Z TO *]</c>, parentheses,
/// and <c>AND</c> / <c>OR</c> / <c>NOT</c> (adjacent terms are AND-ed). What a term means is up to the caller.
/// </summary>
internal sealed class HelpScoutQuery
{
    private readonly Node _root;

    private HelpScoutQuery(Node root) => _root = root;

    /// <summary>Parses <paramref name="text"/>; a malformed query throws <see cref="FormatException"/> with the reason.</summary>
    public static HelpScoutQuery Parse(string text)
    {
        var parser = new Parser(Tokenize(text));
        var root = parser.ParseOr();
        if (!parser.AtEnd)
        {
            throw new FormatException($"unexpected '{parser.Peek}' in query");
        }

        return new HelpScoutQuery(root);
    }

    public bool Matches(Func<QueryTerm, bool> term) => _root.Evaluate(term);

    /// <summary>Every term of the query, e.g. to reject unknown fields before matching.</summary>
    public IEnumerable<QueryTerm> Terms => _root.Terms();

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                // A term runs to whitespace or a parenthesis, but quotes and [..] ranges may hold either.
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')'))
                {
                    if (text[i] == '"')
                    {
                        var close = text.IndexOf('"', i + 1);
                        i = close < 0 ? throw new FormatException("unterminated quote in query") : close + 1;
                    }
                    else if (text[i] == '[')
                    {
                        var close = text.IndexOf(']', i + 1);
                        i = close < 0 ? throw new FormatException("unterminated range in query") : close + 1;
                    }
                    else
                    {
                        i++;
                    }
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private static QueryTerm ParseTerm(string token)
    {
        string? field = null;
        var value = token;
        var colon = token.IndexOf(':');
        if (colon > 0 && token[0] != '"')
        {
            field = token[..colon];
            value = token[(colon + 1)..];
        }

        if (value.Length >= 2 && value[0] == '[' && value[^1] == ']')
        {
            var parts = value[1..^1].Split(" TO ", StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                throw new FormatException($"range '{value}' must read [from TO to]");
            }

            return new QueryTerm(field, value, parts[0], parts[1]);
        }

        return new QueryTerm(field, value.Trim('"'));
    }

    private abstract record Node
    {
        public abstract bool Evaluate(Func<QueryTerm, bool> term);

        public abstract IEnumerable<QueryTerm> Terms();
    }

    private sealed record Leaf(QueryTerm Term) : Node
    {
        public override bool Evaluate(Func<QueryTerm, bool> term) => term(Term);

        public override IEnumerable<QueryTerm> Terms() => [Term];
    }

    private sealed record Not(Node Inner) : Node
    {
        public override bool Evaluate(Func<QueryTerm, bool> term) => !Inner.Evaluate(term);

        public override IEnumerable<QueryTerm> Terms() => Inner.Terms();
    }

    private sealed record Both(Node Left, Node Right) : Node
    {
        public override bool Evaluate(Func<QueryTerm, bool> term) => Left.Evaluate(term) && Right.Evaluate(term);

        public override IEnumerable<QueryTerm> Terms() => Left.Terms().Concat(Right.Terms());
    }

    private sealed record Either(Node Left, Node Right) : Node
    {
        public override bool Evaluate(Func<QueryTerm, bool> term) => Left.Evaluate(term) || Right.Evaluate(term);

        public override IEnumerable<QueryTerm> Terms() => Left.Terms().Concat(Right.Terms());
    }

    private sealed class Parser(List<string> tokens)
    {
        private int _position;

        public bool AtEnd => _position >= tokens.Count;

        public string Peek => tokens[_position];

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (!AtEnd && Peek == "OR")
            {
                _position++;
                left = new Either(left, ParseAnd());
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParseUnary();
            while (!AtEnd && Peek != ")" && Peek != "OR")
            {
                if (Peek == "AND")
                {
                    _position++;
                }

                left = new Both(left, ParseUnary());
            }

            return left;
        }

        private Node ParseUnary()
        {
            if (AtEnd)
            {
                throw new FormatException("query ends where a term was expected");
            }

            var token = tokens[_position++];
            switch (token)
            {
                case "NOT":
                    return new Not(ParseUnary());
                case "(":
                    var inner = ParseOr();
                    if (AtEnd || Peek != ")")
                    {
                        throw new FormatException("missing ')' in query");
                    }

                    _position++;
                    return inner;
                case ")" or "AND" or "OR":
                    throw new FormatException($"unexpected '{token}' in query");
                default:
                    return new Leaf(ParseTerm(token));
            }
        }
    }
}
