using System.Collections.Frozen;
namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>
/// A recursive-descent parser for the CEL grammar (ternary, logical, relational, arithmetic, unary, member access,
/// indexing, calls, list and map literals, optional selection) that expands the standard macros.
/// </summary>
internal sealed class CelParser
{
    private static readonly FrozenSet<string> Relops = new[] { "<", "<=", ">=", ">", "==", "!=" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly List<CelToken> _tokens;
    private int _pos;
    private int _depth;

    private CelParser(List<CelToken> tokens) => _tokens = tokens;

    public static CelExpr Parse(string source)
    {
        var parser = new CelParser(CelLexer.Tokenize(source));
        var expr = parser.ParseExpr();
        if (parser.Peek.Kind != CelTokenKind.End)
            throw parser.Error($"extraneous input '{parser.Peek.Text}'");
        return expr;
    }

    private CelToken Peek => _tokens[_pos];

    private CelToken Next() => _tokens[_pos++];

    private CelCompileException Error(string what) =>
        new($"Syntax error: {what} at offset {Peek.Position}");

    private void Expect(string punct)
    {
        if (!Peek.Is(punct))
            throw Error(Peek.Kind == CelTokenKind.End ? $"missing '{punct}' at '<EOF>'" : $"mismatched input '{Peek.Text}' expecting '{punct}'");
        _pos++;
    }

    private CelExpr ParseExpr()
    {
        if (++_depth > 250) throw Error("expression nests too deeply");
        try
        {
            var cond = ParseOr();
            if (Peek.Is("?"))
            {
                _pos++;
                var then = ParseOr();
                Expect(":");
                var otherwise = ParseExpr();
                return new CelConditional(cond, then, otherwise);
            }
            return cond;
        }
        finally
        {
            _depth--;
        }
    }

    private CelExpr ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Is("||"))
        {
            _pos++;
            left = new CelOr(left, ParseAnd());
        }
        return left;
    }

    private CelExpr ParseAnd()
    {
        var left = ParseRelation();
        while (Peek.Is("&&"))
        {
            _pos++;
            left = new CelAnd(left, ParseRelation());
        }
        return left;
    }

    private CelExpr ParseRelation()
    {
        var left = ParseAddition();
        while (true)
        {
            if (Peek.Kind == CelTokenKind.Punct && Relops.Contains(Peek.Text))
            {
                var op = Next().Text;
                left = new CelBinary(op, left, ParseAddition());
            }
            else if (Peek.Kind == CelTokenKind.Ident && Peek.Text == "in")
            {
                _pos++;
                left = new CelBinary("in", left, ParseAddition());
            }
            else
            {
                return left;
            }
        }
    }

    private CelExpr ParseAddition()
    {
        var left = ParseMultiplication();
        while (Peek.Is("+") || Peek.Is("-"))
        {
            var op = Next().Text;
            left = new CelBinary(op, left, ParseMultiplication());
        }
        return left;
    }

    private CelExpr ParseMultiplication()
    {
        var left = ParseUnary();
        while (Peek.Is("*") || Peek.Is("/") || Peek.Is("%"))
        {
            var op = Next().Text;
            left = new CelBinary(op, left, ParseUnary());
        }
        return left;
    }

    private CelExpr ParseUnary()
    {
        if (Peek.Is("!"))
        {
            _pos++;
            return new CelUnary("!", ParseUnary());
        }
        if (Peek.Is("-"))
        {
            _pos++;
            // Negative numeric literals fold into the literal.
            if (Peek.Kind is CelTokenKind.Int or CelTokenKind.Double && !IsFollowedByMember())
            {
                var t = Next();
                return t.Kind == CelTokenKind.Int ? new CelLiteral(-(long)t.Value!) : new CelLiteral(-(double)t.Value!);
            }
            return new CelUnary("-", ParseUnary());
        }
        return ParseMember();
    }

    private bool IsFollowedByMember()
    {
        var t = _tokens[_pos + 1];
        return t.Is(".") || t.Is("[");
    }

    private CelExpr ParseMember()
    {
        var expr = ParsePrimary();
        while (true)
        {
            if (Peek.Is("."))
            {
                _pos++;
                var optional = false;
                if (Peek.Is("?"))
                {
                    _pos++;
                    optional = true;
                }
                if (Peek.Kind != CelTokenKind.Ident)
                    throw Error($"mismatched input '{Peek.Text}' expecting IDENTIFIER");
                var name = Next().Text;
                if (!optional && Peek.Is("("))
                {
                    _pos++;
                    var args = ParseArgs(")");
                    expr = ExpandMethod(expr, name, args);
                }
                else
                {
                    expr = new CelSelect(expr, name, optional);
                }
            }
            else if (Peek.Is("["))
            {
                _pos++;
                var optional = false;
                if (Peek.Is("?"))
                {
                    _pos++;
                    optional = true;
                }
                var key = ParseExpr();
                Expect("]");
                expr = new CelIndex(expr, key, optional);
            }
            else
            {
                return expr;
            }
        }
    }

    private CelExpr ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case CelTokenKind.Int:
            case CelTokenKind.Uint:
            case CelTokenKind.Double:
            case CelTokenKind.String:
            case CelTokenKind.Bytes:
                _pos++;
                return new CelLiteral(t.Value!);
            case CelTokenKind.Ident:
            {
                _pos++;
                switch (t.Text)
                {
                    case "true": return new CelLiteral(true);
                    case "false": return new CelLiteral(false);
                    case "null": return new CelLiteral(CelNull.Value);
                    case "in": throw Error("mismatched input 'in'");
                }
                if (Peek.Is("("))
                {
                    _pos++;
                    var args = ParseArgs(")");
                    return ExpandGlobal(t.Text, args);
                }
                return new CelIdent(t.Text);
            }
            case CelTokenKind.Punct:
                if (t.Text == "(")
                {
                    _pos++;
                    var inner = ParseExpr();
                    Expect(")");
                    return inner;
                }
                if (t.Text == "[")
                {
                    _pos++;
                    return new CelListLiteral(ParseArgs("]"));
                }
                if (t.Text == "{")
                {
                    _pos++;
                    var entries = new List<KeyValuePair<CelExpr, CelExpr>>();
                    while (!Peek.Is("}"))
                    {
                        var k = ParseExpr();
                        Expect(":");
                        var v = ParseExpr();
                        entries.Add(new(k, v));
                        if (Peek.Is(",")) _pos++;
                        else break;
                    }
                    Expect("}");
                    return new CelMapLiteral(entries);
                }
                if (t.Text == ".")
                {
                    // Leading-dot identifiers refer to the root scope.
                    _pos++;
                    if (Peek.Kind != CelTokenKind.Ident) throw Error($"mismatched input '{Peek.Text}' expecting IDENTIFIER");
                    return new CelIdent(Next().Text);
                }
                break;
        }
        throw Error(t.Kind == CelTokenKind.End ? "mismatched input '<EOF>'" : $"mismatched input '{t.Text}'");
    }

    private List<CelExpr> ParseArgs(string close)
    {
        var args = new List<CelExpr>();
        while (!Peek.Is(close))
        {
            args.Add(ParseExpr());
            if (Peek.Is(",")) _pos++;
            else break;
        }
        Expect(close);
        return args;
    }

    private CelExpr ExpandGlobal(string name, List<CelExpr> args)
    {
        if (name == "has")
        {
            if (args.Count != 1 || args[0] is not CelSelect { Optional: false } sel)
                throw Error("invalid argument to has() macro");
            return new CelHas(sel.Operand, sel.Field);
        }
        return new CelCall(name, null, args);
    }

    private CelExpr ExpandMethod(CelExpr target, string name, List<CelExpr> args)
    {
        switch (name)
        {
            case "all":
            case "exists":
            case "exists_one":
            case "existsOne":
            case "filter":
                if (args.Count == 2)
                    return new CelComprehension(name == "existsOne" ? "exists_one" : name, target, MacroVar(args[0]), args[1], null);
                break;
            case "map":
                if (args.Count == 2) return new CelComprehension("map", target, MacroVar(args[0]), args[1], null);
                if (args.Count == 3) return new CelComprehension("map", target, MacroVar(args[0]), args[1], args[2]);
                break;
        }
        return new CelCall(name, target, args);
    }

    private string MacroVar(CelExpr e) =>
        e is CelIdent id ? id.Name : throw Error("argument is not an identifier");
}
