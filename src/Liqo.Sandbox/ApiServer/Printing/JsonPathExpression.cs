using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// A JSONPath as client-go's jsonpath package reads the <c>jsonPath</c> of a CRD printer column (the server wraps it in
/// <c>{…}</c> and allows missing keys): fields (with <c>\.</c> escapes), <c>*</c>, <c>..</c>, <c>[n]</c>, <c>[a:b:c]</c>,
/// <c>[*]</c>, <c>['key']</c>, unions <c>[a,b]</c> and filters <c>[?(@.type=="Ready")]</c> with == != &lt; &gt; &lt;= &gt;= or existence.
/// Evaluation returns the matched values in order; a missing key yields nothing, an evaluation error yields null
/// from <see cref="TryEvaluate"/> (the server then prints an empty cell either way).
/// </summary>
internal sealed partial class JsonPathExpression
{
    private readonly List<Node> _nodes;

    private JsonPathExpression(List<Node> nodes) => _nodes = nodes;

    /// <summary>Parses the path (without braces). Throws <see cref="FormatException"/> when client-go would not parse it.</summary>
    public static JsonPathExpression Parse(string path) => new(new Parser(path).ParseAll());

    /// <summary>
    /// The values the path selects in <paramref name="document"/> (a JSON null appears as a null entry), or null when
    /// evaluation failed (not an array, index out of range, incomparable filter operands…).
    /// </summary>
    public List<JsonNode?>? TryEvaluate(JsonNode? document)
    {
        try
        {
            return Evaluate([document], _nodes).Select(v => v as JsonNode).ToList();
        }
        catch (JsonPathException)
        {
            return null;
        }
    }

    /// <summary>
    /// How jsonpath's PrintResults prints one result: a map or slice as encoding/json marshals it, nil as text/template
    /// prints an invalid value (<c>&lt;no value&gt;</c>), any other value with fmt's <c>%v</c> (strings bare). Values are
    /// unstructured (integers are int64).
    /// </summary>
    public static string PrintResult(JsonNode? result) => result switch
    {
        JsonObject or JsonArray => ServerGoJson.Marshal(result, NumberDecoding.Unstructured),
        null => "<no value>",
        _ when result.GetValueKind() == JsonValueKind.Null => "<no value>",
        _ => GoFmt.V(result, NumberDecoding.Unstructured),
    };

    // ---- model ----

    private abstract record Node;

    private sealed record FieldNode(string Name) : Node;

    private sealed record WildcardNode : Node;

    private sealed record RecursiveNode : Node;

    private sealed record ArrayNode(Param Start, Param End, Param Step) : Node;

    private sealed record FilterNode(List<Node> Left, List<Node> Right, string Operator) : Node;

    private sealed record UnionNode(List<List<Node>> Branches) : Node;

    private sealed record LiteralNode(object Value) : Node;

    private readonly record struct Param(bool Known, long Value, bool Derived);

    /// <summary>A literal of the path (text, int, float, bool), kept apart from document values so types compare like Go.</summary>
    private sealed record Literal(object Value);

    private sealed class JsonPathException(string message) : Exception(message);

    // ---- evaluation (values are JsonNode? from the document, or Literal) ----

    private static List<object?> Evaluate(List<object?> input, List<Node> nodes)
    {
        var current = input;
        foreach (var node in nodes)
            current = Walk(current, node);
        return current;
    }

    private static List<object?> Walk(List<object?> input, Node node) => node switch
    {
        FieldNode field => EvalField(input, field.Name),
        WildcardNode => EvalWildcard(input),
        RecursiveNode => EvalRecursive(input),
        ArrayNode array => EvalArray(input, array),
        FilterNode filter => EvalFilter(input, filter),
        UnionNode union => union.Branches.SelectMany(b => Evaluate(input, b)).ToList(),
        LiteralNode literal => [new Literal(literal.Value)],
        _ => throw new JsonPathException("unexpected node"),
    };

    private static List<object?> EvalField(List<object?> input, string name)
    {
        var results = new List<object?>();
        foreach (var value in input)
        {
            if (value is JsonObject obj && obj.TryGetPropertyValue(name, out var child))
                results.Add(child);
        }
        return results;
    }

    private static List<object?> EvalWildcard(List<object?> input)
    {
        var results = new List<object?>();
        foreach (var value in input)
        {
            if (value is JsonObject obj)
                results.AddRange(obj.Select(p => (object?)p.Value));
        }
        return results;
    }

    private static List<object?> EvalRecursive(List<object?> input)
    {
        var results = new List<object?>();
        foreach (var value in input)
            Collect(value, results);
        return results;

        static void Collect(object? value, List<object?> into)
        {
            into.Add(value);
            switch (value)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                        Collect(child, into);
                    break;
                case JsonArray array:
                    foreach (var child in array)
                        Collect(child, into);
                    break;
            }
        }
    }

    private static List<object?> EvalArray(List<object?> input, ArrayNode node)
    {
        var results = new List<object?>();
        foreach (var value in input)
        {
            if (value is null)
                continue;
            if (value is not JsonArray array)
                throw new JsonPathException("not array or slice");
            var length = array.Count;
            var start = node.Start.Known ? node.Start.Value : 0;
            if (start < 0)
                start += length;
            var end = node.End.Known ? node.End.Value : length;
            if (end < 0 || (end == 0 && node.End.Derived))
                end += length;
            if (end == start)
                return results;
            if (start >= length || start < 0)
                throw new JsonPathException("array index out of bounds");
            if (end > length || end < 0)
                throw new JsonPathException("array index out of bounds");
            if (start > end)
                throw new JsonPathException("starting index is greater than ending index");
            var step = 1L;
            if (node.Step.Known)
            {
                if (node.Step.Value <= 0)
                    throw new JsonPathException("step must be > 0");
                step = node.Step.Value;
            }
            for (var i = start; i < end; i += step)
                results.Add(array[(int)i]);
        }
        return results;
    }

    private static List<object?> EvalFilter(List<object?> input, FilterNode node)
    {
        var results = new List<object?>();
        foreach (var value in input)
        {
            if (value is not JsonArray array)
                throw new JsonPathException("not array or slice and cannot be filtered");
            foreach (var element in array)
            {
                var item = new List<object?> { element };
                if (node.Operator == "exists")
                {
                    List<object?> found;
                    try
                    {
                        found = Evaluate(item, node.Left);
                    }
                    catch (JsonPathException)
                    {
                        found = [];
                    }
                    if (found.Count > 0)
                        results.Add(element);
                    continue;
                }
                var lefts = Evaluate(item, node.Left);
                if (lefts.Count == 0)
                    continue;
                if (lefts.Count > 1)
                    throw new JsonPathException("can only compare one element at a time");
                var rights = Evaluate(item, node.Right);
                if (rights.Count == 0)
                    continue;
                if (rights.Count > 1)
                    throw new JsonPathException("can only compare one element at a time");
                if (Compare(lefts[0], rights[0], node.Operator))
                    results.Add(element);
            }
        }
        return results;
    }

    // text/template's eq/ne/lt/le/gt/ge over Go basic kinds: operands must share a kind (int, float, string, bool).
    private static bool Compare(object? left, object? right, string op)
    {
        var a = Basic(left);
        var b = Basic(right);
        if (a.GetType() != b.GetType())
            throw new JsonPathException("incompatible types for comparison");
        int order;
        switch (a)
        {
            case bool x:
                if (op is not ("==" or "!="))
                    throw new JsonPathException("invalid type for comparison");
                order = x == (bool)b ? 0 : 1;
                break;
            case long x:
                order = x.CompareTo((long)b);
                break;
            case double x:
                order = x.CompareTo((double)b);
                break;
            case string x:
                order = string.CompareOrdinal(x, (string)b);
                break;
            default:
                throw new JsonPathException("invalid type for comparison");
        }
        return op switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            ">" => order > 0,
            "<=" => order <= 0,
            ">=" => order >= 0,
            _ => throw new JsonPathException("unrecognized filter operator " + op),
        };
    }

    private static object Basic(object? value) => value switch
    {
        Literal literal => literal.Value,
        JsonValue json => json.GetValueKind() switch
        {
            JsonValueKind.String => json.GetValue<string>(),
            JsonValueKind.Number => GoNumber.Unstructured(json),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new JsonPathException("invalid type for comparison"),
        },
        _ => throw new JsonPathException("invalid type for comparison"),
    };

    // ---- parser (client-go jsonpath grammar inside one action) ----

    [GeneratedRegex(@"^'([^']*)'$")]
    private static partial Regex DictKey();

    [GeneratedRegex(@"^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$")]
    private static partial Regex SliceOperator();

    [GeneratedRegex(@"^([^!<>=]+)([!<>=]+)(.+?)$", RegexOptions.Singleline)]
    private static partial Regex FilterExpression();

    private sealed class Parser(string text)
    {
        private int _pos;

        public List<Node> ParseAll()
        {
            var nodes = new List<Node>();
            while (_pos < text.Length)
                ParseStep(nodes);
            return nodes;
        }

        private void ParseStep(List<Node> nodes)
        {
            var rest = text.AsSpan(_pos);
            if (rest.StartsWith("[?("))
            {
                ParseFilter(nodes);
                return;
            }
            if (rest.StartsWith(".."))
            {
                _pos += 2;
                nodes.Add(new RecursiveNode());
                if (_pos < text.Length && IsAlphaNumeric(text[_pos]))
                    ParseField(nodes);
                return;
            }
            var c = text[_pos++];
            switch (c)
            {
                case ' ' or '@' or '$':
                    return;
                case '[':
                    ParseArray(nodes);
                    return;
                case '"' or '\'':
                    ParseQuote(nodes, c);
                    return;
                case '.':
                    ParseField(nodes);
                    return;
                case '+' or '-' or (>= '0' and <= '9'):
                    _pos--;
                    ParseNumber(nodes);
                    return;
                default:
                    if (IsAlphaNumeric(c))
                    {
                        _pos--;
                        ParseIdentifier(nodes);
                        return;
                    }
                    throw new FormatException($"unrecognized character in action: {c}");
            }
        }

        private void ParseField(List<Node> nodes)
        {
            var sb = new StringBuilder();
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == '\\' && _pos + 1 < text.Length)
                {
                    sb.Append(text[_pos + 1]);
                    _pos += 2;
                    continue;
                }
                if (IsTerminator(c))
                    break;
                sb.Append(c);
                _pos++;
            }
            var name = sb.ToString();
            nodes.Add(name == "*" ? new WildcardNode() : new FieldNode(name));
        }

        private void ParseArray(List<Node> nodes)
        {
            var start = _pos;
            while (true)
            {
                if (_pos >= text.Length || text[_pos] == '\n')
                    throw new FormatException("unterminated array");
                if (text[_pos++] == ']')
                    break;
            }
            var inner = text[start..(_pos - 1)];
            if (inner == "*")
                inner = ":";
            var parts = inner.Split(',');
            if (parts.Length > 1)
            {
                var branches = parts.Select(p => new Parser("[" + p.Trim(' ') + "]").ParseAll()).ToList();
                nodes.Add(new UnionNode(branches));
                return;
            }
            var dict = DictKey().Match(inner);
            if (dict.Success)
            {
                nodes.AddRange(new Parser("." + dict.Groups[1].Value).ParseAll());
                return;
            }
            var slice = SliceOperator().Match(inner);
            if (!slice.Success)
                throw new FormatException($"invalid array index {inner}");
            var values = new Param[3];
            for (var i = 0; i < 3; i++)
            {
                var group = slice.Groups[i + 1].Value;
                if (group.Length > 0)
                {
                    if (i > 0)
                        group = group[1..];
                    if (i > 0 && group.Length == 0)
                        values[i] = new Param(false, 0, false);
                    else if (long.TryParse(group, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                        values[i] = new Param(true, n, false);
                    else
                        throw new FormatException($"array index {group} is not a number");
                }
                else
                {
                    values[i] = i == 1 ? new Param(true, values[0].Value + 1, true) : new Param(false, 0, false);
                }
            }
            nodes.Add(new ArrayNode(values[0], values[1], values[2]));
        }

        private void ParseFilter(List<Node> nodes)
        {
            _pos += 3;
            var start = _pos;
            var begin = false;
            var end = false;
            var pair = '\0';
            while (true)
            {
                if (_pos >= text.Length || text[_pos] == '\n')
                    throw new FormatException("unterminated filter");
                var c = text[_pos++];
                if (c is '"' or '\'')
                {
                    if (!begin)
                    {
                        begin = true;
                        pair = c;
                        continue;
                    }
                    if (text[_pos - 2] != '\\' && c == pair)
                        end = true;
                }
                else if (c == ')' && begin == end)
                    break;
            }
            if (_pos >= text.Length || text[_pos++] != ']')
                throw new FormatException("unclosed array expect ]");
            var inner = text[start..(_pos - 2)];
            var match = FilterExpression().Match(inner);
            if (!match.Success)
            {
                nodes.Add(new FilterNode(new Parser(inner).ParseAll(), [], "exists"));
                return;
            }
            var left = new Parser(match.Groups[1].Value).ParseAll();
            var right = new Parser(match.Groups[3].Value).ParseAll();
            nodes.Add(new FilterNode(left, right, match.Groups[2].Value));
        }

        private void ParseQuote(List<Node> nodes, char quote)
        {
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= text.Length || text[_pos] == '\n')
                    throw new FormatException("unterminated quoted string");
                var c = text[_pos++];
                if (c == quote)
                    break;
                if (c == '\\')
                {
                    if (_pos >= text.Length || text[_pos] == '\n')
                        throw new FormatException("unterminated quoted string");
                    var escaped = text[_pos++];
                    sb.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                    continue;
                }
                sb.Append(c);
            }
            nodes.Add(new LiteralNode(sb.ToString()));
        }

        private void ParseNumber(List<Node> nodes)
        {
            var start = _pos;
            if (text[_pos] is '+' or '-')
                _pos++;
            while (_pos < text.Length && (text[_pos] == '.' || char.IsAsciiDigit(text[_pos])))
                _pos++;
            var literal = text[start.._pos];
            if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                nodes.Add(new LiteralNode(integer));
            else if (double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                nodes.Add(new LiteralNode(real));
            else
                throw new FormatException($"cannot parse number {literal}");
        }

        private void ParseIdentifier(List<Node> nodes)
        {
            var start = _pos;
            while (_pos < text.Length && IsAlphaNumeric(text[_pos]))
                _pos++;
            var word = text[start.._pos];
            nodes.Add(word switch
            {
                "true" => new LiteralNode(true),
                "false" => new LiteralNode(false),
                _ => throw new FormatException($"unrecognized identifier {word}"),
            });
        }

        private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

        private static bool IsTerminator(char c) =>
            c is ' ' or '\t' or '\r' or '\n' or '.' or ',' or '[' or ']' or '$' or '@' or '{' or '}';
    }
}
