using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Engine.GoFormat;

/// <summary>
/// sigs.k8s.io/yaml's Marshal as liqoctl uses it: the value goes through encoding/json first (so only JSON-visible
/// fields, under their JSON names), then go-yaml v2 writes it: block style, keys in go-yaml's order, sequences in a
/// mapping not indented, scalars plain unless they must be quoted, long lines folded at spaces past column 80.
/// </summary>
internal sealed class GoYaml
{
    private const int BestWidth = 80;
    private const int BestIndent = 2;

    private readonly StringBuilder _sb = new();
    private int _column;

    public static string Marshal(GoValue value) => Emit(GoJson.ToNode(value));

    /// <summary>The YAML text of a JSON document, ending with a newline.</summary>
    public static string Emit(JsonNode? root)
    {
        var e = new GoYaml();
        switch (root)
        {
            case JsonObject o when o.Count > 0:
                e.Mapping(o, 0, false);
                break;
            case JsonArray a when a.Count > 0:
                e.Sequence(a, 0, false);
                break;
            default:
                e.Inline(root, 0, leadingSpace: false);
                break;
        }
        e.Break();
        return e._sb.ToString();
    }

    private void Mapping(JsonObject o, int indent, bool firstInline)
    {
        var first = true;
        foreach (var key in o.Select(p => p.Key).OrderBy(k => k, YamlV2KeyOrder.Instance).ToList())
        {
            if (!(first && firstInline))
            {
                Break();
                Pad(indent);
            }
            first = false;
            Scalar(key, simpleKey: true, indent + BestIndent);
            Put(":");
            var value = o[key];
            switch (value)
            {
                case JsonObject m when m.Count > 0:
                    Mapping(m, indent + BestIndent, false);
                    break;
                case JsonArray a when a.Count > 0:
                    Sequence(a, indent, false); // go-yaml does not indent a sequence that is a mapping value
                    break;
                default:
                    Inline(value, indent + BestIndent, leadingSpace: true);
                    break;
            }
        }
    }

    private void Sequence(JsonArray a, int indent, bool firstInline)
    {
        for (var i = 0; i < a.Count; i++)
        {
            if (!(i == 0 && firstInline))
            {
                Break();
                Pad(indent);
            }
            Put("-");
            switch (a[i])
            {
                case JsonObject m when m.Count > 0:
                    Put(" ");
                    Mapping(m, indent + BestIndent, true);
                    break;
                case JsonArray s when s.Count > 0:
                    Put(" ");
                    Sequence(s, indent + BestIndent, true);
                    break;
                default:
                    Inline(a[i], indent + BestIndent, leadingSpace: true);
                    break;
            }
        }
    }

    /// <summary>A scalar, null or empty collection on the current line.</summary>
    private void Inline(JsonNode? node, int continuationIndent, bool leadingSpace)
    {
        var sep = leadingSpace ? " " : "";
        switch (node)
        {
            case null:
                Put(sep + "null");
                break;
            case JsonObject:
                Put(sep + "{}");
                break;
            case JsonArray:
                Put(sep + "[]");
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (leadingSpace) Put(" ");
                Scalar(s, simpleKey: false, continuationIndent);
                break;
            case JsonValue v when v.TryGetValue<bool>(out var b):
                Put(sep + (b ? "true" : "false"));
                break;
            case JsonValue v when v.TryGetValue<long>(out var l):
                Put(sep + l.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValue v when v.TryGetValue<int>(out var n):
                Put(sep + n.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                Put(sep + node.ToJsonString());
                break;
        }
    }

    private void Scalar(string s, bool simpleKey, int indent)
    {
        switch (YamlV2ScalarStyle.Choose(s, simpleKey))
        {
            case YamlScalarStyle.Plain:
                Plain(s, !simpleKey, indent);
                break;
            case YamlScalarStyle.SingleQuoted:
                SingleQuoted(s, !simpleKey, indent);
                break;
            case YamlScalarStyle.Literal:
                Literal(s, indent);
                break;
            default:
                DoubleQuoted(s, !simpleKey, indent);
                break;
        }
    }

    private void Plain(string s, bool allowBreaks, int indent)
    {
        var runes = s.EnumerateRunes().ToArray();
        var spaces = false;
        for (var i = 0; i < runes.Length; i++)
        {
            if (runes[i].Value == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && (i + 1 >= runes.Length || runes[i + 1].Value != ' '))
                {
                    Break();
                    Pad(indent);
                }
                else
                {
                    Put(" ");
                }
                spaces = true;
            }
            else
            {
                Put(runes[i].ToString());
                spaces = false;
            }
        }
    }

    private void SingleQuoted(string s, bool allowBreaks, int indent)
    {
        Put("'");
        var runes = s.EnumerateRunes().ToArray();
        var spaces = false;
        for (var i = 0; i < runes.Length; i++)
        {
            if (runes[i].Value == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i != 0 && i != runes.Length - 1 && runes[i + 1].Value != ' ')
                {
                    Break();
                    Pad(indent);
                }
                else
                {
                    Put(" ");
                }
                spaces = true;
            }
            else
            {
                Put(runes[i].Value == '\'' ? "''" : runes[i].ToString());
                spaces = false;
            }
        }
        Put("'");
    }

    private void DoubleQuoted(string s, bool allowBreaks, int indent)
    {
        Put("\"");
        var runes = s.EnumerateRunes().ToArray();
        var spaces = false;
        for (var i = 0; i < runes.Length; i++)
        {
            var c = runes[i].Value;
            if (!YamlV2ScalarStyle.IsPrintable(c) || c == 0xFEFF || YamlV2ScalarStyle.IsBreak(c) || c == '"' || c == '\\')
            {
                Put("\\" + c switch
                {
                    0 => "0",
                    7 => "a",
                    8 => "b",
                    9 => "t",
                    0xA => "n",
                    0xB => "v",
                    0xC => "f",
                    0xD => "r",
                    0x1B => "e",
                    '"' => "\"",
                    '\\' => "\\",
                    0x85 => "N",
                    0xA0 => "_",
                    0x2028 => "L",
                    0x2029 => "P",
                    <= 0xFF => "x" + c.ToString("X2", CultureInfo.InvariantCulture),
                    <= 0xFFFF => "u" + c.ToString("X4", CultureInfo.InvariantCulture),
                    _ => "U" + c.ToString("X8", CultureInfo.InvariantCulture),
                });
                spaces = false;
            }
            else if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i != 0 && i != runes.Length - 1)
                {
                    Break();
                    Pad(indent);
                    if (runes[i + 1].Value == ' ') Put("\\");
                }
                else
                {
                    Put(" ");
                }
                spaces = true;
            }
            else
            {
                Put(runes[i].ToString());
                spaces = false;
            }
        }
        Put("\"");
    }

    private void Literal(string s, int indent)
    {
        Put("|");
        if (s.Length > 0 && (s[0] == ' ' || YamlV2ScalarStyle.IsBreak(s[0]))) Put(BestIndent.ToString(CultureInfo.InvariantCulture));
        if (s.Length == 0 || !YamlV2ScalarStyle.IsBreak(s[^1])) Put("-");
        else if (s.Length == 1 || YamlV2ScalarStyle.IsBreak(s[^2])) Put("+");
        NewLine();
        var atBreak = true;
        foreach (var r in s.EnumerateRunes())
        {
            if (YamlV2ScalarStyle.IsBreak(r.Value))
            {
                NewLine();
                atBreak = true;
            }
            else
            {
                if (atBreak) Pad(indent);
                Put(r.ToString());
                atBreak = false;
            }
        }
    }

    private void Put(string s)
    {
        _sb.Append(s);
        foreach (var _ in s.EnumerateRunes()) _column++;
    }

    private void Pad(int indent)
    {
        while (_column < indent) Put(" ");
    }

    /// <summary>Ends the current line unless it is empty.</summary>
    private void Break()
    {
        if (_column > 0) NewLine();
    }

    private void NewLine()
    {
        _sb.Append('\n');
        _column = 0;
    }
}
