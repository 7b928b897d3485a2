namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>
/// The label selector grammar of the API server (apimachinery labels.Parse): a lexer producing the same tokens and a
/// recursive-descent parser producing the same messages, so that a bad selector is refused with the server's words.
/// </summary>
internal sealed class LabelSelectorParser
{
    private enum Token
    {
        Error,
        EndOfString,
        ClosedPar,
        Comma,
        DoesNotExist,
        DoubleEquals,
        EqualsSign,
        GreaterThan,
        Identifier,
        In,
        LessThan,
        NotEquals,
        NotIn,
        OpenPar,
    }

    private readonly record struct Item(Token Token, string Literal);

    private static readonly Dictionary<string, Token> Literals = new(StringComparer.Ordinal)
    {
        [")"] = Token.ClosedPar,
        [","] = Token.Comma,
        ["!"] = Token.DoesNotExist,
        ["=="] = Token.DoubleEquals,
        ["="] = Token.EqualsSign,
        [">"] = Token.GreaterThan,
        ["in"] = Token.In,
        ["<"] = Token.LessThan,
        ["!="] = Token.NotEquals,
        ["notin"] = Token.NotIn,
        ["("] = Token.OpenPar,
    };

    // selection.Operator strings in binaryOperators order, as the "expected:" message lists them.
    private const string BinaryOperatorList = "in, notin, =, ==, !=, gt, lt";

    private readonly List<Item> _items = [];
    private int _position;

    private LabelSelectorParser(string text) => Scan(text);

    /// <summary>Parses a selector into its requirements, in text order (Kubernetes then sorts them by key).</summary>
    public static List<LabelRequirement> Parse(string text) => new LabelSelectorParser(text).ParseAll();

    private List<LabelRequirement> ParseAll()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (token, literal) = Lookahead(values: true);
            switch (token)
            {
                case Token.Identifier or Token.DoesNotExist:
                    try
                    {
                        requirements.Add(ParseRequirement());
                    }
                    catch (SelectorParseException e)
                    {
                        throw new SelectorParseException("unable to parse requirement: " + e.Message);
                    }
                    var (next, nextLiteral) = Consume(values: true);
                    switch (next)
                    {
                        case Token.EndOfString:
                            return requirements;
                        case Token.Comma:
                            var (after, afterLiteral) = Lookahead(values: true);
                            if (after is not Token.Identifier and not Token.DoesNotExist)
                                throw new SelectorParseException($"found '{afterLiteral}', expected: identifier after ','");
                            break;
                        default:
                            throw new SelectorParseException($"found '{nextLiteral}', expected: ',' or 'end of string'");
                    }
                    break;
                case Token.EndOfString:
                    return requirements;
                default:
                    throw new SelectorParseException($"found '{literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, op) = ParseKeyAndInferOperator();
        if (op is LabelOperator.Exists or LabelOperator.DoesNotExist)
            return LabelRequirement.Create(key, op.Value, []);
        var binary = ParseOperator();
        var values = binary is LabelOperator.In or LabelOperator.NotIn ? ParseValues() : ParseExactValue();
        return LabelRequirement.Create(key, binary, values);
    }

    private (string Key, LabelOperator? Operator) ParseKeyAndInferOperator()
    {
        LabelOperator? op = null;
        var (token, literal) = Consume(values: true);
        if (token == Token.DoesNotExist)
        {
            op = LabelOperator.DoesNotExist;
            (token, literal) = Consume(values: true);
        }
        if (token != Token.Identifier)
            throw new SelectorParseException($"found '{literal}', expected: identifier");
        var keyErrors = LabelSyntax.LabelKeyErrors(literal);
        if (keyErrors.Count > 0)
            throw new SelectorParseException(FieldErrors.Invalid(FieldErrors.NilPath, literal, string.Join("; ", keyErrors)));
        var (next, _) = Lookahead(values: true);
        if (next is Token.EndOfString or Token.Comma && op != LabelOperator.DoesNotExist)
            op = LabelOperator.Exists;
        return (literal, op);
    }

    private LabelOperator ParseOperator()
    {
        var (token, literal) = Consume(values: false);
        return token switch
        {
            Token.In => LabelOperator.In,
            Token.EqualsSign => LabelOperator.Equals,
            Token.DoubleEquals => LabelOperator.DoubleEquals,
            Token.GreaterThan => LabelOperator.GreaterThan,
            Token.LessThan => LabelOperator.LessThan,
            Token.NotIn => LabelOperator.NotIn,
            Token.NotEquals => LabelOperator.NotEquals,
            _ => throw new SelectorParseException($"found '{literal}', expected: {BinaryOperatorList}"),
        };
    }

    private SortedSet<string> ParseValues()
    {
        var (token, literal) = Consume(values: true);
        if (token != Token.OpenPar)
            throw new SelectorParseException($"found '{literal}' expected: '('");
        (token, literal) = Lookahead(values: true);
        switch (token)
        {
            case Token.Identifier or Token.Comma:
                var set = ParseIdentifiersList();
                if (Consume(values: true).Token != Token.ClosedPar)
                    throw new SelectorParseException($"found '{literal}', expected: ')'");
                return set;
            case Token.ClosedPar:
                Consume(values: true);
                return new SortedSet<string>(StringComparer.Ordinal) { "" };
            default:
                throw new SelectorParseException($"found '{literal}', expected: ',', ')' or identifier");
        }
    }

    private SortedSet<string> ParseIdentifiersList()
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, literal) = Consume(values: true);
            switch (token)
            {
                case Token.Identifier:
                    set.Add(literal);
                    var (next, nextLiteral) = Lookahead(values: true);
                    switch (next)
                    {
                        case Token.Comma:
                            continue;
                        case Token.ClosedPar:
                            return set;
                        default:
                            throw new SelectorParseException($"found '{nextLiteral}', expected: ',' or ')'");
                    }
                case Token.Comma:
                    if (set.Count == 0)
                        set.Add("");
                    var (following, _) = Lookahead(values: true);
                    if (following == Token.ClosedPar)
                    {
                        set.Add("");
                        return set;
                    }
                    if (following == Token.Comma)
                    {
                        Consume(values: true);
                        set.Add("");
                    }
                    break;
                default:
                    throw new SelectorParseException($"found '{literal}', expected: ',', or identifier");
            }
        }
    }

    private SortedSet<string> ParseExactValue()
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        var (next, _) = Lookahead(values: true);
        if (next is Token.EndOfString or Token.Comma)
        {
            set.Add("");
            return set;
        }
        var (token, literal) = Consume(values: true);
        if (token != Token.Identifier)
            throw new SelectorParseException($"found '{literal}', expected: identifier");
        set.Add(literal);
        return set;
    }

    // In a value position the keywords 'in' and 'notin' are plain identifiers.
    private Item Lookahead(bool values) => Contextual(_items[_position], values);

    private Item Consume(bool values) => Contextual(_items[_position++], values);

    private static Item Contextual(Item item, bool values) =>
        values && item.Token is Token.In or Token.NotIn ? item with { Token = Token.Identifier } : item;

    // ---- lexer ----

    private void Scan(string text)
    {
        var pos = 0;
        while (true)
        {
            var item = Lex(text, ref pos);
            _items.Add(item);
            if (item.Token == Token.EndOfString)
                return;
        }
    }

    // Go's lexer reads bytes and reports 0 at the end of the input (a NUL byte is consumed and read as 0 too).
    private static char Read(string text, ref int pos) => pos < text.Length ? text[pos++] : '\0';

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private static Item Lex(string text, ref int pos)
    {
        var c = Read(text, ref pos);
        while (IsWhitespace(c))
            c = Read(text, ref pos);
        if (c == '\0')
            return new Item(Token.EndOfString, "");
        pos--;
        return IsSpecialSymbol(c) ? ScanSpecialSymbol(text, ref pos) : ScanIdentifierOrKeyword(text, ref pos);
    }

    private static Item ScanIdentifierOrKeyword(string text, ref int pos)
    {
        var buffer = new System.Text.StringBuilder();
        while (true)
        {
            var c = Read(text, ref pos);
            if (c == '\0')
                break;
            if (IsSpecialSymbol(c) || IsWhitespace(c))
            {
                pos--;
                break;
            }
            buffer.Append(c);
        }
        var literal = buffer.ToString();
        return Literals.TryGetValue(literal, out var keyword) ? new Item(keyword, literal) : new Item(Token.Identifier, literal);
    }

    private static Item ScanSpecialSymbol(string text, ref int pos)
    {
        Item? last = null;
        var buffer = "";
        while (true)
        {
            var c = Read(text, ref pos);
            if (c == '\0')
                break;
            if (IsSpecialSymbol(c))
            {
                buffer += c;
                if (Literals.TryGetValue(buffer, out var token))
                {
                    last = new Item(token, buffer);
                }
                else if (last is not null)
                {
                    pos--;
                    break;
                }
            }
            else
            {
                pos--;
                break;
            }
        }
        return last ?? new Item(Token.Error, $"error expected: keyword found '{buffer}'");
    }
}
