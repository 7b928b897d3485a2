using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Schema.Cel;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>The CEL subset on its own: the grammar, CEL's error-absorbing logic, macros and functions.</summary>
public sealed class CelEvaluatorTests
{
    private static object Eval(string expr, string selfJson = "{}")
    {
        var program = CelCompiler.Compile(expr, out _);
        var self = CelConvert.FromJson(JsonNode.Parse(selfJson), null);
        return CelEvaluator.Evaluate(program, new CelScope("self", self, null));
    }

    [Theory]
    [InlineData("1 + 2 * 3 == 7")]
    [InlineData("(1 + 2) * 3 == 9")]
    [InlineData("7 / 2 == 3 && 7 % 2 == 1")]
    [InlineData("-3 < 2 && 2.5 > 2.0 && 1u < 2u")]
    [InlineData("1 == 1.0 && 2u == 2")]
    [InlineData("'ab' + 'c' == 'abc'")]
    [InlineData("'abc' < 'abd'")]
    [InlineData("[1, 2] + [3] == [1, 2, 3]")]
    [InlineData("{'a': 1}['a'] == 1")]
    [InlineData("2 in [1, 2, 3] && !(4 in [1, 2, 3])")]
    [InlineData("'k' in {'k': 1}")]
    [InlineData("true ? 1 == 1 : false")]
    [InlineData("size('héllo') == 5 && 'héllo'.size() == 5")]
    [InlineData("size([1, 2]) == 2 && size({'a': 1}) == 1")]
    [InlineData("int('42') == 42 && string(42) == '42' && double(1) == 1.0 && uint(3) == 3u")]
    [InlineData("'Liqo'.lowerAscii() == 'liqo' && 'liqo'.upperAscii() == 'LIQO'")]
    [InlineData("'cluster-a'.startsWith('cluster') && 'cluster-a'.endsWith('-a') && 'cluster-a'.contains('ter')")]
    [InlineData("'10.0.0.1'.matches('^[0-9.]+$') && matches('abc', 'b')")]
    [InlineData("'a,b,c'.split(',') == ['a', 'b', 'c'] && ['a', 'b'].join('-') == 'a-b'")]
    [InlineData("'hello'.substring(1, 3) == 'el' && 'hello'.indexOf('l') == 2 && 'hello'.lastIndexOf('l') == 3")]
    [InlineData("'a-b-c'.replace('-', '+') == 'a+b+c'")]
    [InlineData("[1, 2, 3].all(x, x > 0) && [1, 2, 3].exists(x, x == 2) && [1, 2, 3].exists_one(x, x > 2)")]
    [InlineData("[1, 2, 3].filter(x, x != 2) == [1, 3] && [1, 2].map(x, x * 10) == [10, 20]")]
    [InlineData("[1, 2, 3].map(x, x > 1, x * 2) == [4, 6]")]
    [InlineData("{'a': 1, 'b': 2}.all(k, k in ['a', 'b'])")]
    [InlineData("[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3 && [1, 2, 3].sum() == 6 && [1, 2, 3].isSorted()")]
    [InlineData("has(self.a) && !has(self.b)")]
    [InlineData("self.a.b == 'x'")]
    [InlineData("self.?a.?b.orValue('none') == 'x' && self.?zzz.?b.orValue('none') == 'none'")]
    [InlineData("optional.of(1).hasValue() && !optional.none().hasValue()")]
    [InlineData("\"double\" == 'double' && r'\\d' == '\\\\d' && '\\x41\\u0042' == 'AB'")]
    [InlineData("0x10 == 16")]
    [InlineData("null == null && self.n == null")]
    public void Expressions_evaluate_to_true(string expr) =>
        Assert.Equal(true, Eval(expr, """{"a":{"b":"x"},"n":null}"""));

    [Fact]
    public void Logical_operators_absorb_errors_when_the_other_side_decides()
    {
        Assert.Equal(true, Eval("self.missing == 1 || true"));
        Assert.Equal(false, Eval("self.missing == 1 && false"));
        Assert.Equal(true, Eval("true || self.missing == 1"));
        var e = Assert.IsType<CelError>(Eval("self.missing == 1 || false"));
        Assert.Equal("no such key: missing", e.Message);
        Assert.Equal(false, Eval("[1, 0].all(x, 10 / x > 1 && false)"));
        Assert.IsType<CelError>(Eval("[0].all(x, 10 / x > 1)"));
    }

    [Theory]
    [InlineData("1 / 0", "division by zero")]
    [InlineData("1 % 0", "modulus by zero")]
    [InlineData("9223372036854775807 + 1", "integer overflow")]
    [InlineData("[1][3]", "index '3' out of range in list size '1'")]
    [InlineData("1 + 'a'", "no such overload")]
    [InlineData("1 + 1.0", "no such overload")]
    [InlineData("self.nope", "no such key: nope")]
    public void Runtime_errors_have_cel_go_messages(string expr, string message) =>
        Assert.Equal(message, Assert.IsType<CelError>(Eval(expr)).Message);

    [Theory]
    [InlineData("self.a ==")]
    [InlineData("(1 + 2")]
    [InlineData("'unterminated")]
    [InlineData("has(self)")]
    [InlineData("[1].all(1, true)")]
    [InlineData("1 $ 2")]
    public void Malformed_expressions_do_not_compile(string expr) =>
        Assert.Throws<CelCompileException>(() => CelCompiler.Compile(expr, out _));

    [Fact]
    public void OldSelf_use_is_detected()
    {
        CelCompiler.Compile("self == oldSelf", out var uses);
        Assert.True(uses);
        CelCompiler.Compile("self.all(x, x > 0)", out uses);
        Assert.False(uses);
    }

    [Fact]
    public void The_liqo_duplicate_ports_rule_works()
    {
        const string rule = "!(has(self.ports)) || self.ports.all(p, self.ports.filter(q, q == p).size() == 1)";
        Assert.Equal(true, Eval(rule, """{"ports":[1,2,3]}"""));
        Assert.Equal(false, Eval(rule, """{"ports":[1,2,1]}"""));
        Assert.Equal(true, Eval(rule, """{"port":1}"""));
    }
}
