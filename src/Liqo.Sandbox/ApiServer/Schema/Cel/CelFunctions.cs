using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>
/// The functions of the CEL subset: the standard size/conversions/string predicates, Kubernetes' list and regex
/// helpers, the strings extension and optional accessors.
/// </summary>
internal static class CelFunctions
{
    /// <summary>Global functions the evaluator knows.</summary>
    public static readonly FrozenSet<string> Globals = new[] {
        "size", "int", "uint", "double", "string", "bool", "bytes", "dyn", "matches",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Methods the evaluator knows.</summary>
    public static readonly FrozenSet<string> Methods = new[] {
        "size", "contains", "startsWith", "endsWith", "matches", "lowerAscii", "upperAscii", "trim", "replace", "split",
        "substring", "charAt", "indexOf", "lastIndexOf", "join", "isSorted", "sum", "min", "max", "reverse",
        "hasValue", "value", "orValue", "or", "find", "findAll",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static object Invoke(string name, object? target, object[] args)
    {
        if (target is null)
        {
            return (name, args.Length) switch
            {
                ("size", 1) => Size(args[0]),
                ("int", 1) => ToInt(args[0]),
                ("uint", 1) => ToUint(args[0]),
                ("double", 1) => ToDouble(args[0]),
                ("string", 1) => ToStringValue(args[0]),
                ("bool", 1) => args[0] switch
                {
                    bool b => b,
                    string s when s is "true" or "TRUE" or "True" or "t" or "1" => true,
                    string s when s is "false" or "FALSE" or "False" or "f" or "0" => false,
                    _ => new CelError($"type conversion error from '{CelOps.TypeName(args[0])}' to 'bool'"),
                },
                ("bytes", 1) => args[0] switch
                {
                    string s => Encoding.UTF8.GetBytes(s),
                    byte[] b => b,
                    _ => CelError.NoSuchOverload(),
                },
                ("dyn", 1) => args[0],
                ("matches", 2) => Matches(args[0], args[1]),
                _ => CelError.NoSuchOverload(),
            };
        }
        switch (target)
        {
            case string s:
                return StringMethod(name, s, args);
            case CelList list:
                return ListMethod(name, list, args);
            case CelMap map when name == "size" && args.Length == 0:
                return (long)map.Count;
            case byte[] bytes when name == "size" && args.Length == 0:
                return (long)bytes.Length;
            case CelOptional opt:
                return (name, args.Length) switch
                {
                    ("hasValue", 0) => opt.HasValue,
                    ("value", 0) => opt.HasValue ? opt.Value! : new CelError("optional.none() dereference"),
                    ("orValue", 1) => opt.HasValue ? opt.Value! : args[0],
                    ("or", 1) => opt.HasValue ? opt : args[0],
                    _ => CelError.NoSuchOverload(),
                };
        }
        return CelError.NoSuchOverload();
    }

    public static bool IsZeroValue(object v) => v switch
    {
        bool b => !b,
        long l => l == 0,
        ulong u => u == 0,
        double d => d == 0,
        string s => s.Length == 0,
        byte[] b => b.Length == 0,
        CelList l => l.Items.Count == 0,
        CelMap m => m.Count == 0,
        CelNull => true,
        _ => false,
    };

    private static object Size(object v) => v switch
    {
        string s => (long)CodePoints(s).Count,
        byte[] b => (long)b.Length,
        CelList l => (long)l.Items.Count,
        CelMap m => (long)m.Count,
        _ => CelError.NoSuchOverload(),
    };

    private static List<string> CodePoints(string s)
    {
        var result = new List<string>(s.Length);
        for (var i = 0; i < s.Length;)
        {
            var len = char.IsSurrogatePair(s, i) ? 2 : 1;
            result.Add(s.Substring(i, len));
            i += len;
        }
        return result;
    }

    private static object ToInt(object v)
    {
        switch (v)
        {
            case long l: return l;
            case ulong u: return u > long.MaxValue ? new CelError("integer overflow") : (long)u;
            case double d:
                if (double.IsNaN(d) || d <= -9.2233720368547758E18 || d >= 9.2233720368547758E18) return new CelError("integer overflow");
                return (long)Math.Truncate(d);
            case string s:
                return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var r)
                    ? r
                    : new CelError($"type conversion error from 'string' to 'int'");
            case bool b: return b ? 1L : 0L;
        }
        return CelError.NoSuchOverload();
    }

    private static object ToUint(object v)
    {
        switch (v)
        {
            case ulong u: return u;
            case long l: return l < 0 ? new CelError("unsigned integer overflow") : (ulong)l;
            case double d:
                if (double.IsNaN(d) || d < 0 || d >= 1.8446744073709552E19) return new CelError("unsigned integer overflow");
                return (ulong)Math.Truncate(d);
            case string s:
                return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var r)
                    ? r
                    : new CelError("type conversion error from 'string' to 'uint'");
        }
        return CelError.NoSuchOverload();
    }

    private static object ToDouble(object v) => v switch
    {
        double d => d,
        long l => (double)l,
        ulong u => (double)u,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
            ? r
            : new CelError("type conversion error from 'string' to 'double'"),
        _ => CelError.NoSuchOverload(),
    };

    private static object ToStringValue(object v) => v switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => GoFloat.FormatV(d),
        bool b => b ? "true" : "false",
        byte[] b => Encoding.UTF8.GetString(b),
        _ => CelError.NoSuchOverload(),
    };

    private static object Matches(object s, object re)
    {
        if (s is not string str || re is not string pattern) return CelError.NoSuchOverload();
        var regex = GoRegex.TryCompile(pattern, out var error);
        if (regex is null) return new CelError($"invalid regular expression: {error}");
        return regex.IsMatch(str);
    }

    private static object StringMethod(string name, string s, object[] args)
    {
        switch (name, args.Length)
        {
            case ("size", 0): return (long)CodePoints(s).Count;
            case ("contains", 1) when args[0] is string a: return s.Contains(a, StringComparison.Ordinal);
            case ("startsWith", 1) when args[0] is string a: return s.StartsWith(a, StringComparison.Ordinal);
            case ("endsWith", 1) when args[0] is string a: return s.EndsWith(a, StringComparison.Ordinal);
            case ("matches", 1): return Matches(s, args[0]);
            case ("lowerAscii", 0): return AsciiCase(s, lower: true);
            case ("upperAscii", 0): return AsciiCase(s, lower: false);
            case ("trim", 0): return s.Trim();
            case ("reverse", 0):
            {
                var cps = CodePoints(s);
                cps.Reverse();
                return string.Concat(cps);
            }
            case ("replace", 2) when args[0] is string a && args[1] is string b:
                return a.Length == 0 ? InterleaveEmpty(s, b, -1) : s.Replace(a, b, StringComparison.Ordinal);
            case ("replace", 3) when args[0] is string a && args[1] is string b && args[2] is long n:
                return ReplaceN(s, a, b, n);
            case ("split", 1) when args[0] is string sep: return SplitN(s, sep, -1);
            case ("split", 2) when args[0] is string sep && args[1] is long n: return SplitN(s, sep, n);
            case ("charAt", 1) when args[0] is long i:
            {
                var cps = CodePoints(s);
                if (i < 0 || i > cps.Count) return new CelError($"index out of range: {i}");
                return i == cps.Count ? "" : cps[(int)i];
            }
            case ("substring", 1) when args[0] is long start:
                return Substring(s, start, null);
            case ("substring", 2) when args[0] is long start && args[1] is long end:
                return Substring(s, start, end);
            case ("indexOf", 1) when args[0] is string a:
                return IndexOf(s, a, 0, last: false);
            case ("indexOf", 2) when args[0] is string a && args[1] is long from:
                return IndexOf(s, a, from, last: false);
            case ("lastIndexOf", 1) when args[0] is string a:
                return IndexOf(s, a, -1, last: true);
            case ("find", 1) when args[0] is string re:
            {
                var regex = GoRegex.TryCompile(re, out var error);
                if (regex is null) return new CelError($"invalid regular expression: {error}");
                var m = regex.Match(s);
                return m.Success ? m.Value : "";
            }
            case ("findAll", 1) when args[0] is string re:
            {
                var regex = GoRegex.TryCompile(re, out var error);
                if (regex is null) return new CelError($"invalid regular expression: {error}");
                return new CelList(regex.Matches(s).Select(m => (object)m.Value).ToList());
            }
        }
        return CelError.NoSuchOverload();
    }

    private static string AsciiCase(string s, bool lower)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (lower && chars[i] is >= 'A' and <= 'Z') chars[i] = (char)(chars[i] + 32);
            else if (!lower && chars[i] is >= 'a' and <= 'z') chars[i] = (char)(chars[i] - 32);
        }
        return new string(chars);
    }

    private static string InterleaveEmpty(string s, string b, long n)
    {
        var cps = CodePoints(s);
        var sb = new StringBuilder();
        var count = 0L;
        for (var i = 0; i <= cps.Count; i++)
        {
            if (n < 0 || count < n)
            {
                sb.Append(b);
                count++;
            }
            if (i < cps.Count) sb.Append(cps[i]);
        }
        return sb.ToString();
    }

    private static string ReplaceN(string s, string a, string b, long n)
    {
        if (n < 0) return a.Length == 0 ? InterleaveEmpty(s, b, -1) : s.Replace(a, b, StringComparison.Ordinal);
        if (a.Length == 0) return InterleaveEmpty(s, b, n);
        var sb = new StringBuilder();
        var pos = 0;
        var done = 0L;
        while (done < n)
        {
            var idx = s.IndexOf(a, pos, StringComparison.Ordinal);
            if (idx < 0) break;
            sb.Append(s, pos, idx - pos).Append(b);
            pos = idx + a.Length;
            done++;
        }
        sb.Append(s, pos, s.Length - pos);
        return sb.ToString();
    }

    private static CelList SplitN(string s, string sep, long n)
    {
        if (n == 0) return new CelList([]);
        List<string> parts;
        if (sep.Length == 0)
        {
            parts = CodePoints(s);
        }
        else
        {
            parts = [.. s.Split(sep)];
        }
        if (n > 0 && parts.Count > n)
        {
            var head = parts.Take((int)n - 1).ToList();
            head.Add(string.Join(sep, parts.Skip((int)n - 1)));
            parts = head;
        }
        return new CelList(parts.Cast<object>().ToList());
    }

    private static object Substring(string s, long start, long? end)
    {
        var cps = CodePoints(s);
        var e = end ?? cps.Count;
        if (start < 0 || start > cps.Count) return new CelError($"index out of range: {start}");
        if (e < start || e > cps.Count) return new CelError($"index out of range: {e}");
        return string.Concat(cps.Skip((int)start).Take((int)(e - start)));
    }

    private static object IndexOf(string s, string a, long from, bool last)
    {
        var cps = CodePoints(s);
        var sub = CodePoints(a);
        if (!last)
        {
            if (from < 0 || from > cps.Count) return new CelError($"index out of range: {from}");
            for (var i = (int)from; i + sub.Count <= cps.Count; i++)
                if (Match(cps, sub, i)) return (long)i;
            return -1L;
        }
        for (var i = cps.Count - sub.Count; i >= 0; i--)
            if (Match(cps, sub, i)) return (long)i;
        return -1L;
    }

    private static bool Match(List<string> cps, List<string> sub, int at)
    {
        for (var j = 0; j < sub.Count; j++)
            if (cps[at + j] != sub[j]) return false;
        return true;
    }

    private static object ListMethod(string name, CelList list, object[] args)
    {
        var items = list.Items;
        switch (name, args.Length)
        {
            case ("size", 0): return (long)items.Count;
            case ("join", 0):
            case ("join", 1):
                if (!items.All(i => i is string)) return CelError.NoSuchOverload();
                var sep = args.Length == 1 ? args[0] as string : "";
                if (sep is null) return CelError.NoSuchOverload();
                return string.Join(sep, items.Cast<string>());
            case ("isSorted", 0):
                for (var i = 1; i < items.Count; i++)
                {
                    var c = CelOps.Compare("<=", items[i - 1], items[i]);
                    if (c is CelError) return c;
                    if (c is false) return false;
                }
                return true;
            case ("sum", 0):
            {
                var acc = items.Count > 0 && items[0] is double ? 0.0 : items.Count > 0 && items[0] is ulong ? (object)0UL : 0L;
                foreach (var i in items)
                {
                    acc = CelOps.Arithmetic("+", acc, i);
                    if (acc is CelError) return acc;
                }
                return acc;
            }
            case ("min", 0):
            case ("max", 0):
            {
                if (items.Count == 0) return new CelError($"{name} called on empty list");
                var best = items[0];
                foreach (var i in items.Skip(1))
                {
                    var c = CelOps.Compare(name == "min" ? "<" : ">", i, best);
                    if (c is CelError) return c;
                    if (c is true) best = i;
                }
                return best;
            }
            case ("indexOf", 1):
                for (var i = 0; i < items.Count; i++)
                    if (CelOps.Equal(items[i], args[0]) is true) return (long)i;
                return -1L;
            case ("lastIndexOf", 1):
                for (var i = items.Count - 1; i >= 0; i--)
                    if (CelOps.Equal(items[i], args[0]) is true) return (long)i;
                return -1L;
            case ("reverse", 0):
                return new CelList(items.Reverse().ToList());
        }
        return CelError.NoSuchOverload();
    }
}
