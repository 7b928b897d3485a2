using System.Globalization;
using System.Text;

namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>Splits a CEL expression into tokens (numbers, strings and bytes with CEL escapes, identifiers, operators).</summary>
internal static class CelLexer
{
    private static readonly string[] Puncts =
    [
        "||", "&&", "==", "!=", "<=", ">=", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",", "[", "]", "(", ")", "{", "}",
    ];

    public static List<CelToken> Tokenize(string src)
    {
        var tokens = new List<CelToken>();
        var i = 0;
        while (true)
        {
            while (i < src.Length)
            {
                if (char.IsWhiteSpace(src[i]))
                {
                    i++;
                }
                else if (src[i] == '/' && i + 1 < src.Length && src[i + 1] == '/')
                {
                    while (i < src.Length && src[i] != '\n') i++;
                }
                else
                {
                    break;
                }
            }
            if (i >= src.Length)
            {
                tokens.Add(new CelToken(CelTokenKind.End, "", null, i));
                return tokens;
            }
            var c = src[i];
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < src.Length && char.IsAsciiDigit(src[i + 1]) && !PrevIsOperand(tokens)))
            {
                tokens.Add(ReadNumber(src, ref i));
                continue;
            }
            if ((c is 'r' or 'R' or 'b' or 'B') && i + 1 < src.Length)
            {
                var j = i;
                var raw = false;
                var bytes = false;
                while (j < src.Length && j - i < 2 && src[j] is 'r' or 'R' or 'b' or 'B')
                {
                    if (src[j] is 'r' or 'R') raw = true; else bytes = true;
                    j++;
                }
                if (j < src.Length && src[j] is '\'' or '"')
                {
                    i = j;
                    var s = ReadString(src, ref i, raw);
                    tokens.Add(new CelToken(bytes ? CelTokenKind.Bytes : CelTokenKind.String, src[start..i], bytes ? Encoding.UTF8.GetBytes(s) : s, start));
                    continue;
                }
            }
            if (c is '\'' or '"')
            {
                var s = ReadString(src, ref i, false);
                tokens.Add(new CelToken(CelTokenKind.String, src[start..i], s, start));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < src.Length && (char.IsAsciiLetterOrDigit(src[i]) || src[i] == '_')) i++;
                tokens.Add(new CelToken(CelTokenKind.Ident, src[start..i], null, start));
                continue;
            }
            var matched = false;
            foreach (var p in Puncts)
            {
                if (string.CompareOrdinal(src, i, p, 0, p.Length) == 0)
                {
                    tokens.Add(new CelToken(CelTokenKind.Punct, p, null, i));
                    i += p.Length;
                    matched = true;
                    break;
                }
            }
            if (!matched)
                throw new CelCompileException($"Syntax error: token recognition error at: '{c}' (offset {i})");
        }
    }

    private static bool PrevIsOperand(List<CelToken> tokens)
    {
        if (tokens.Count == 0) return false;
        var t = tokens[^1];
        return t.Kind != CelTokenKind.Punct || t.Text is ")" or "]" or "}";
    }

    private static CelToken ReadNumber(string src, ref int i)
    {
        var start = i;
        if (src[i] == '0' && i + 1 < src.Length && src[i + 1] is 'x' or 'X')
        {
            i += 2;
            while (i < src.Length && char.IsAsciiHexDigit(src[i])) i++;
            var hex = src[(start + 2)..i];
            if (hex.Length == 0) throw new CelCompileException($"Syntax error: invalid hex literal at offset {start}");
            if (i < src.Length && src[i] is 'u' or 'U')
            {
                i++;
                return new CelToken(CelTokenKind.Uint, src[start..i], ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture), start);
            }
            if (!long.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hv) || hv < 0)
                throw new CelCompileException($"Syntax error: invalid int literal at offset {start}");
            return new CelToken(CelTokenKind.Int, src[start..i], hv, start);
        }
        while (i < src.Length && char.IsAsciiDigit(src[i])) i++;
        var isDouble = false;
        if (i < src.Length && src[i] == '.' && i + 1 < src.Length && char.IsAsciiDigit(src[i + 1]))
        {
            isDouble = true;
            i++;
            while (i < src.Length && char.IsAsciiDigit(src[i])) i++;
        }
        if (i < src.Length && src[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < src.Length && src[j] is '+' or '-') j++;
            if (j < src.Length && char.IsAsciiDigit(src[j]))
            {
                isDouble = true;
                i = j;
                while (i < src.Length && char.IsAsciiDigit(src[i])) i++;
            }
        }
        var text = src[start..i];
        if (isDouble)
            return new CelToken(CelTokenKind.Double, text, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), start);
        if (i < src.Length && src[i] is 'u' or 'U')
        {
            i++;
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var uv))
                throw new CelCompileException($"Syntax error: invalid uint literal at offset {start}");
            return new CelToken(CelTokenKind.Uint, src[start..i], uv, start);
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            throw new CelCompileException($"Syntax error: invalid int literal at offset {start}");
        return new CelToken(CelTokenKind.Int, text, v, start);
    }

    private static string ReadString(string src, ref int i, bool raw)
    {
        var quote = src[i];
        var triple = i + 2 < src.Length && src[i + 1] == quote && src[i + 2] == quote;
        var start = i;
        i += triple ? 3 : 1;
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= src.Length) throw new CelCompileException($"Syntax error: unterminated string literal at offset {start}");
            var c = src[i];
            if (triple)
            {
                if (c == quote && i + 2 < src.Length && src[i + 1] == quote && src[i + 2] == quote)
                {
                    i += 3;
                    return sb.ToString();
                }
            }
            else
            {
                if (c == quote)
                {
                    i++;
                    return sb.ToString();
                }
                if (c is '\n' or '\r') throw new CelCompileException($"Syntax error: unterminated string literal at offset {start}");
            }
            if (c == '\\' && !raw)
            {
                i++;
                if (i >= src.Length) throw new CelCompileException($"Syntax error: unterminated string literal at offset {start}");
                var e = src[i];
                switch (e)
                {
                    case 'a': sb.Append('\a'); i++; break;
                    case 'b': sb.Append('\b'); i++; break;
                    case 'f': sb.Append('\f'); i++; break;
                    case 'n': sb.Append('\n'); i++; break;
                    case 'r': sb.Append('\r'); i++; break;
                    case 't': sb.Append('\t'); i++; break;
                    case 'v': sb.Append('\v'); i++; break;
                    case '\\': sb.Append('\\'); i++; break;
                    case '\'': sb.Append('\''); i++; break;
                    case '"': sb.Append('"'); i++; break;
                    case '`': sb.Append('`'); i++; break;
                    case '?': sb.Append('?'); i++; break;
                    case 'x':
                    case 'X':
                        sb.Append(char.ConvertFromUtf32(ReadHex(src, ref i, 2)));
                        break;
                    case 'u':
                        sb.Append(char.ConvertFromUtf32(ReadHex(src, ref i, 4)));
                        break;
                    case 'U':
                        sb.Append(char.ConvertFromUtf32(ReadHex(src, ref i, 8)));
                        break;
                    default:
                        if (e is >= '0' and <= '3' && i + 2 < src.Length && src[i + 1] is >= '0' and <= '7' && src[i + 2] is >= '0' and <= '7')
                        {
                            sb.Append((char)(((e - '0') * 64) + ((src[i + 1] - '0') * 8) + (src[i + 2] - '0')));
                            i += 3;
                            break;
                        }
                        throw new CelCompileException($"Syntax error: invalid escape sequence '\\{e}' at offset {i - 1}");
                }
                continue;
            }
            sb.Append(c);
            i++;
        }
    }

    private static int ReadHex(string src, ref int i, int digits)
    {
        i++;
        if (i + digits > src.Length) throw new CelCompileException("Syntax error: invalid escape sequence");
        var hex = src.Substring(i, digits);
        if (!int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) || v > 0x10FFFF)
            throw new CelCompileException("Syntax error: invalid escape sequence");
        i += digits;
        return v;
    }
}
