namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>A parsed CEL expression (macros already expanded into <see cref="CelHas"/> and <see cref="CelComprehension"/>).</summary>
internal abstract record CelExpr;

/// <summary>A literal: long, ulong, double, string, byte[], bool or <see cref="CelNull"/>.</summary>
internal sealed record CelLiteral(object Value) : CelExpr;

internal sealed record CelIdent(string Name) : CelExpr;

/// <summary><c>operand.field</c>, or <c>operand.?field</c> when <paramref name="Optional"/>.</summary>
internal sealed record CelSelect(CelExpr Operand, string Field, bool Optional) : CelExpr;

/// <summary><c>operand[key]</c>, or <c>operand[?key]</c> when <paramref name="Optional"/>.</summary>
internal sealed record CelIndex(CelExpr Operand, CelExpr Key, bool Optional) : CelExpr;

/// <summary>A global function call (<paramref name="Target"/> null) or a method call.</summary>
internal sealed record CelCall(string Function, CelExpr? Target, IReadOnlyList<CelExpr> Args) : CelExpr;

internal sealed record CelListLiteral(IReadOnlyList<CelExpr> Elements) : CelExpr;

internal sealed record CelMapLiteral(IReadOnlyList<KeyValuePair<CelExpr, CelExpr>> Entries) : CelExpr;

/// <summary><c>!x</c> or <c>-x</c>.</summary>
internal sealed record CelUnary(string Op, CelExpr Operand) : CelExpr;

/// <summary>Arithmetic, comparison and <c>in</c>.</summary>
internal sealed record CelBinary(string Op, CelExpr Left, CelExpr Right) : CelExpr;

internal sealed record CelAnd(CelExpr Left, CelExpr Right) : CelExpr;

internal sealed record CelOr(CelExpr Left, CelExpr Right) : CelExpr;

internal sealed record CelConditional(CelExpr Condition, CelExpr Then, CelExpr Else) : CelExpr;

/// <summary>The <c>has(x.f)</c> macro.</summary>
internal sealed record CelHas(CelExpr Operand, string Field) : CelExpr;

/// <summary>The <c>all</c>, <c>exists</c>, <c>exists_one</c>, <c>filter</c> and <c>map</c> macros.</summary>
internal sealed record CelComprehension(string Macro, CelExpr Range, string Variable, CelExpr Body, CelExpr? Transform) : CelExpr;
