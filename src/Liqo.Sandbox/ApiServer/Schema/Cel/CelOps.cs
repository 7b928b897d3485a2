namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>CEL's operators on runtime values: equality (heterogeneous for numbers), ordering and arithmetic.</summary>
internal static class CelOps
{
    public static bool IsNumber(object v) => v is long or ulong or double;

    public static string TypeName(object v) => v switch
    {
        bool => "bool",
        long => "int",
        ulong => "uint",
        double => "double",
        string => "string",
        byte[] => "bytes",
        CelNull => "null_type",
        CelList => "list",
        CelMap => "map",
        CelOptional => "optional_type",
        _ => "dyn",
    };

    /// <summary>Map-key equality (string, int, uint and bool keys; ints and uints compare by value).</summary>
    public static bool KeyEquals(object a, object b) => Equal(a, b) is true;

    /// <summary>CEL <c>==</c>: true, false or a <see cref="CelError"/>.</summary>
    public static object Equal(object a, object b)
    {
        if (a is CelError) return a;
        if (b is CelError) return b;
        if (IsNumber(a) && IsNumber(b)) return CompareNumbers(a, b) == 0;
        switch (a)
        {
            case bool x: return b is bool yb && x == yb;
            case string x: return b is string ys && string.Equals(x, ys, StringComparison.Ordinal);
            case byte[] x: return b is byte[] yy && x.AsSpan().SequenceEqual(yy);
            case CelNull: return b is CelNull;
            case CelList x:
            {
                if (b is not CelList yl || x.Items.Count != yl.Items.Count) return false;
                for (var i = 0; i < x.Items.Count; i++)
                {
                    var r = Equal(x.Items[i], yl.Items[i]);
                    if (r is not true) return r;
                }
                return true;
            }
            case CelMap x:
            {
                if (b is not CelMap ym || x.Count != ym.Count) return false;
                foreach (var (k, v) in x.Entries)
                {
                    if (!ym.TryGet(k, out var w)) return false;
                    var r = Equal(v, w);
                    if (r is not true) return r;
                }
                return true;
            }
            case CelOptional x:
            {
                if (b is not CelOptional yo) return false;
                if (!x.HasValue || !yo.HasValue) return x.HasValue == yo.HasValue;
                return Equal(x.Value!, yo.Value!);
            }
        }
        return false;
    }

    /// <summary>Compares two numbers of any CEL numeric type by value (NaN compares as unordered: returns 2).</summary>
    public static int CompareNumbers(object a, object b)
    {
        switch (a, b)
        {
            case (long x, long y): return x.CompareTo(y);
            case (ulong x, ulong y): return x.CompareTo(y);
            case (long x, ulong y): return x < 0 ? -1 : ((ulong)x).CompareTo(y);
            case (ulong x, long y): return y < 0 ? 1 : x.CompareTo((ulong)y);
        }
        var dx = ToDouble(a);
        var dy = ToDouble(b);
        if (double.IsNaN(dx) || double.IsNaN(dy)) return 2;
        return dx.CompareTo(dy);
    }

    private static double ToDouble(object v) => v switch
    {
        long l => l,
        ulong u => u,
        double d => d,
        _ => double.NaN,
    };

    /// <summary>CEL ordering operators.</summary>
    public static object Compare(string op, object a, object b)
    {
        if (a is CelError) return a;
        if (b is CelError) return b;
        int c;
        if (IsNumber(a) && IsNumber(b))
        {
            c = CompareNumbers(a, b);
            if (c == 2) return false;
        }
        else if (a is string sa && b is string sb)
        {
            c = string.CompareOrdinal(sa, sb);
        }
        else if (a is bool ba && b is bool bb)
        {
            c = ba.CompareTo(bb);
        }
        else if (a is byte[] xa && b is byte[] xb)
        {
            c = xa.AsSpan().SequenceCompareTo(xb);
        }
        else
        {
            return CelError.NoSuchOverload();
        }
        return op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    public static object Arithmetic(string op, object a, object b)
    {
        if (a is CelError) return a;
        if (b is CelError) return b;
        try
        {
            switch (a, b)
            {
                case (long x, long y):
                    return op switch
                    {
                        "+" => checked(x + y),
                        "-" => checked(x - y),
                        "*" => checked(x * y),
                        "/" => y == 0 ? new CelError("division by zero") : x == long.MinValue && y == -1 ? new CelError("integer overflow") : x / y,
                        "%" => y == 0 ? new CelError("modulus by zero") : x == long.MinValue && y == -1 ? 0L : x % y,
                        _ => CelError.NoSuchOverload(),
                    };
                case (ulong x, ulong y):
                    return op switch
                    {
                        "+" => checked(x + y),
                        "-" => checked(x - y),
                        "*" => checked(x * y),
                        "/" => y == 0 ? new CelError("division by zero") : x / y,
                        "%" => y == 0 ? new CelError("modulus by zero") : x % y,
                        _ => CelError.NoSuchOverload(),
                    };
                case (double x, double y):
                    return op switch
                    {
                        "+" => x + y,
                        "-" => x - y,
                        "*" => x * y,
                        "/" => x / y,
                        _ => CelError.NoSuchOverload(),
                    };
                case (string x, string y) when op == "+":
                    return x + y;
                case (byte[] x, byte[] y) when op == "+":
                    return x.Concat(y).ToArray();
                case (CelList x, CelList y) when op == "+":
                    return new CelList(x.Items.Concat(y.Items).ToList());
            }
        }
        catch (OverflowException)
        {
            return new CelError(a is ulong ? "unsigned integer overflow" : "integer overflow");
        }
        return CelError.NoSuchOverload();
    }
}
