namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>Evaluates a parsed CEL expression; errors are returned as <see cref="CelError"/> values.</summary>
internal static class CelEvaluator
{
    public static object Evaluate(CelExpr expr, CelScope scope)
    {
        switch (expr)
        {
            case CelLiteral lit:
                return lit.Value;
            case CelIdent id:
                return scope.TryResolve(id.Name, out var bound) ? bound : new CelError($"no such attribute: {id.Name}");
            case CelSelect sel:
                return Select(Evaluate(sel.Operand, scope), sel.Field, sel.Optional);
            case CelIndex idx:
                return Index(Evaluate(idx.Operand, scope), Evaluate(idx.Key, scope), idx.Optional);
            case CelHas has:
            {
                var operand = Evaluate(has.Operand, scope);
                return operand switch
                {
                    CelError => operand,
                    CelMap m => m.TryGet(has.Field, out _),
                    CelOptional { HasValue: false } => false,
                    CelOptional { Value: CelMap om } => om.TryGet(has.Field, out _),
                    _ => CelError.NoSuchOverload(),
                };
            }
            case CelUnary un:
            {
                var v = Evaluate(un.Operand, scope);
                if (v is CelError) return v;
                if (un.Op == "!") return v is bool b ? !b : CelError.NoSuchOverload();
                return v switch
                {
                    long l => l == long.MinValue ? new CelError("integer overflow") : -l,
                    double d => -d,
                    _ => CelError.NoSuchOverload(),
                };
            }
            case CelAnd and:
            {
                var l = Evaluate(and.Left, scope);
                if (l is false) return false;
                var r = Evaluate(and.Right, scope);
                if (r is false) return false;
                if (l is true && r is true) return true;
                if (l is CelError) return l;
                if (r is CelError) return r;
                return CelError.NoSuchOverload();
            }
            case CelOr or:
            {
                var l = Evaluate(or.Left, scope);
                if (l is true) return true;
                var r = Evaluate(or.Right, scope);
                if (r is true) return true;
                if (l is false && r is false) return false;
                if (l is CelError) return l;
                if (r is CelError) return r;
                return CelError.NoSuchOverload();
            }
            case CelConditional cond:
            {
                var c = Evaluate(cond.Condition, scope);
                return c switch
                {
                    true => Evaluate(cond.Then, scope),
                    false => Evaluate(cond.Else, scope),
                    CelError => c,
                    _ => CelError.NoSuchOverload(),
                };
            }
            case CelBinary bin:
            {
                var l = Evaluate(bin.Left, scope);
                var r = Evaluate(bin.Right, scope);
                switch (bin.Op)
                {
                    case "==": return CelOps.Equal(l, r);
                    case "!=":
                    {
                        var eq = CelOps.Equal(l, r);
                        return eq is bool b ? !b : eq;
                    }
                    case "<":
                    case "<=":
                    case ">":
                    case ">=":
                        return CelOps.Compare(bin.Op, l, r);
                    case "in":
                        return In(l, r);
                    default:
                        return CelOps.Arithmetic(bin.Op, l, r);
                }
            }
            case CelListLiteral list:
            {
                var items = new List<object>(list.Elements.Count);
                foreach (var e in list.Elements)
                {
                    var v = Evaluate(e, scope);
                    if (v is CelError) return v;
                    items.Add(v);
                }
                return new CelList(items);
            }
            case CelMapLiteral map:
            {
                var entries = new List<KeyValuePair<object, object>>(map.Entries.Count);
                foreach (var (ke, ve) in map.Entries)
                {
                    var k = Evaluate(ke, scope);
                    if (k is CelError) return k;
                    if (k is not (string or long or ulong or bool)) return new CelError("unsupported map key type");
                    var v = Evaluate(ve, scope);
                    if (v is CelError) return v;
                    if (entries.Any(e => CelOps.KeyEquals(e.Key, k))) return new CelError($"Failed with repeated key: {k}");
                    entries.Add(new(k, v));
                }
                return new CelMap(entries);
            }
            case CelComprehension comp:
                return Comprehend(comp, scope);
            case CelCall call:
                return Call(call, scope);
        }
        return new CelError("unsupported expression");
    }

    private static object Select(object operand, string field, bool optional)
    {
        switch (operand)
        {
            case CelError:
                return operand;
            case CelMap m:
                if (m.TryGet(field, out var v)) return optional ? new CelOptional(v) : v;
                return optional ? CelOptional.None : new CelError($"no such key: {field}");
            case CelOptional opt:
                if (!opt.HasValue) return CelOptional.None;
                var inner = Select(opt.Value!, field, true);
                return inner;
        }
        return CelError.NoSuchOverload();
    }

    private static object Index(object operand, object key, bool optional)
    {
        if (operand is CelError) return operand;
        if (key is CelError) return key;
        switch (operand)
        {
            case CelList list:
            {
                long i;
                switch (key)
                {
                    case long l: i = l; break;
                    case ulong u: i = u > long.MaxValue ? long.MaxValue : (long)u; break;
                    case double d when Math.Floor(d) == d: i = (long)d; break;
                    default: return CelError.NoSuchOverload();
                }
                if (i < 0 || i >= list.Items.Count)
                    return optional ? CelOptional.None : new CelError($"index '{i}' out of range in list size '{list.Items.Count}'");
                return optional ? new CelOptional(list.Items[(int)i]) : list.Items[(int)i];
            }
            case CelMap map:
                if (map.TryGet(key, out var v)) return optional ? new CelOptional(v) : v;
                return optional ? CelOptional.None : new CelError($"no such key: {key}");
            case CelOptional opt:
                if (!opt.HasValue) return CelOptional.None;
                return Index(opt.Value!, key, true);
        }
        return CelError.NoSuchOverload();
    }

    private static object In(object elem, object container)
    {
        if (elem is CelError) return elem;
        switch (container)
        {
            case CelError:
                return container;
            case CelList list:
                foreach (var item in list.Items)
                {
                    if (CelOps.Equal(elem, item) is true) return true;
                }
                return false;
            case CelMap map:
                return map.TryGet(elem, out _);
        }
        return CelError.NoSuchOverload();
    }

    private static object Comprehend(CelComprehension comp, CelScope scope)
    {
        var range = Evaluate(comp.Range, scope);
        IReadOnlyList<object> items;
        switch (range)
        {
            case CelError:
                return range;
            case CelList list:
                items = list.Items;
                break;
            case CelMap map:
                items = map.Entries.Select(e => e.Key).ToList();
                break;
            default:
                return CelError.NoSuchOverload();
        }
        switch (comp.Macro)
        {
            case "all":
            {
                object result = true;
                foreach (var item in items)
                {
                    var r = Evaluate(comp.Body, scope.Bind(comp.Variable, item));
                    if (r is false) return false;
                    if (r is not true && result is true) result = r is CelError ? r : CelError.NoSuchOverload();
                }
                return result;
            }
            case "exists":
            {
                object result = false;
                foreach (var item in items)
                {
                    var r = Evaluate(comp.Body, scope.Bind(comp.Variable, item));
                    if (r is true) return true;
                    if (r is not false && result is false) result = r is CelError ? r : CelError.NoSuchOverload();
                }
                return result;
            }
            case "exists_one":
            {
                var count = 0;
                foreach (var item in items)
                {
                    var r = Evaluate(comp.Body, scope.Bind(comp.Variable, item));
                    if (r is true) count++;
                    else if (r is not false) return r is CelError ? r : CelError.NoSuchOverload();
                }
                return count == 1;
            }
            case "filter":
            {
                var kept = new List<object>();
                foreach (var item in items)
                {
                    var r = Evaluate(comp.Body, scope.Bind(comp.Variable, item));
                    if (r is true) kept.Add(item);
                    else if (r is not false) return r is CelError ? r : CelError.NoSuchOverload();
                }
                return new CelList(kept);
            }
            default:
            {
                var mapped = new List<object>();
                foreach (var item in items)
                {
                    var inner = scope.Bind(comp.Variable, item);
                    if (comp.Transform is not null)
                    {
                        var keep = Evaluate(comp.Body, inner);
                        if (keep is false) continue;
                        if (keep is not true) return keep is CelError ? keep : CelError.NoSuchOverload();
                        var t = Evaluate(comp.Transform, inner);
                        if (t is CelError) return t;
                        mapped.Add(t);
                    }
                    else
                    {
                        var t = Evaluate(comp.Body, inner);
                        if (t is CelError) return t;
                        mapped.Add(t);
                    }
                }
                return new CelList(mapped);
            }
        }
    }

    private static object Call(CelCall call, CelScope scope)
    {
        if (call.Target is CelIdent { Name: "optional" } ns && !scope.TryResolve(ns.Name, out _))
        {
            var nsArgs = EvaluateArgs(call.Args, scope, out var nsErr);
            if (nsErr is not null) return nsErr;
            return call.Function switch
            {
                "of" when nsArgs.Length == 1 => new CelOptional(nsArgs[0]),
                "none" when nsArgs.Length == 0 => CelOptional.None,
                "ofNonZeroValue" when nsArgs.Length == 1 => CelFunctions.IsZeroValue(nsArgs[0]) ? CelOptional.None : new CelOptional(nsArgs[0]),
                _ => CelError.NoSuchOverload(),
            };
        }
        object? target = null;
        if (call.Target is not null)
        {
            target = Evaluate(call.Target, scope);
            if (target is CelError) return target;
        }
        // orValue/or are lazy in their argument only when the optional has a value; evaluating eagerly is equivalent
        // except for errors, which CEL also only raises when the argument is needed.
        if (target is CelOptional { HasValue: true } some && call.Function is "orValue" or "or" && call.Args.Count == 1)
            return call.Function == "orValue" ? some.Value! : some;
        var args = EvaluateArgs(call.Args, scope, out var err);
        if (err is not null) return err;
        return CelFunctions.Invoke(call.Function, target, args);
    }

    private static object[] EvaluateArgs(IReadOnlyList<CelExpr> exprs, CelScope scope, out CelError? error)
    {
        var args = new object[exprs.Count];
        for (var i = 0; i < exprs.Count; i++)
        {
            args[i] = Evaluate(exprs[i], scope);
            if (args[i] is CelError e)
            {
                error = e;
                return args;
            }
        }
        error = null;
        return args;
    }
}
