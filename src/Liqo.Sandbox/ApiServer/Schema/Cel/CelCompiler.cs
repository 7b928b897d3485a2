namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>
/// Parses a validation rule and checks that it only refers to <c>self</c>, <c>oldSelf</c>, macro variables and
/// functions the evaluator implements.
/// </summary>
internal static class CelCompiler
{
    public static CelExpr Compile(string source, out bool usesOldSelf)
    {
        var expr = CelParser.Parse(source);
        var uses = false;
        Check(expr, ["self", "oldSelf"], ref uses);
        usesOldSelf = uses;
        return expr;
    }

    private static void Check(CelExpr expr, HashSet<string> scope, ref bool usesOldSelf)
    {
        switch (expr)
        {
            case CelLiteral:
                return;
            case CelIdent id:
                if (!scope.Contains(id.Name))
                    throw new CelCompileException($"ERROR: <input>: undeclared reference to '{id.Name}' (in container '')");
                if (id.Name == "oldSelf") usesOldSelf = true;
                return;
            case CelSelect sel:
                Check(sel.Operand, scope, ref usesOldSelf);
                return;
            case CelIndex idx:
                Check(idx.Operand, scope, ref usesOldSelf);
                Check(idx.Key, scope, ref usesOldSelf);
                return;
            case CelHas has:
                Check(has.Operand, scope, ref usesOldSelf);
                return;
            case CelUnary un:
                Check(un.Operand, scope, ref usesOldSelf);
                return;
            case CelBinary bin:
                Check(bin.Left, scope, ref usesOldSelf);
                Check(bin.Right, scope, ref usesOldSelf);
                return;
            case CelAnd and:
                Check(and.Left, scope, ref usesOldSelf);
                Check(and.Right, scope, ref usesOldSelf);
                return;
            case CelOr or:
                Check(or.Left, scope, ref usesOldSelf);
                Check(or.Right, scope, ref usesOldSelf);
                return;
            case CelConditional c:
                Check(c.Condition, scope, ref usesOldSelf);
                Check(c.Then, scope, ref usesOldSelf);
                Check(c.Else, scope, ref usesOldSelf);
                return;
            case CelListLiteral list:
                foreach (var e in list.Elements) Check(e, scope, ref usesOldSelf);
                return;
            case CelMapLiteral map:
                foreach (var (k, v) in map.Entries)
                {
                    Check(k, scope, ref usesOldSelf);
                    Check(v, scope, ref usesOldSelf);
                }
                return;
            case CelComprehension comp:
            {
                Check(comp.Range, scope, ref usesOldSelf);
                var inner = new HashSet<string>(scope) { comp.Variable };
                Check(comp.Body, inner, ref usesOldSelf);
                if (comp.Transform is not null) Check(comp.Transform, inner, ref usesOldSelf);
                return;
            }
            case CelCall call:
                if (call.Target is CelIdent { Name: "optional" } && !scope.Contains("optional"))
                {
                    if (call.Function is not ("of" or "none" or "ofNonZeroValue"))
                        throw new CelCompileException($"ERROR: <input>: undeclared reference to 'optional.{call.Function}' (in container '')", unsupported: true);
                }
                else if (call.Target is null)
                {
                    if (!CelFunctions.Globals.Contains(call.Function))
                        throw new CelCompileException($"ERROR: <input>: undeclared reference to '{call.Function}' (in container '')", unsupported: true);
                }
                else
                {
                    Check(call.Target, scope, ref usesOldSelf);
                    if (!CelFunctions.Methods.Contains(call.Function))
                        throw new CelCompileException($"ERROR: <input>: undeclared reference to '{call.Function}' (in container '')", unsupported: true);
                }
                foreach (var a in call.Args) Check(a, scope, ref usesOldSelf);
                return;
        }
    }
}
