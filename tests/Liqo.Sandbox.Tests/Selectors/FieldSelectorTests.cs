using Liqo.Sandbox.ApiServer.Selectors;

namespace Liqo.Sandbox.Tests.Selectors;

public class FieldSelectorTests
{
    private static Func<string, string?> Fields(params (string Field, string Value)[] fields) =>
        name => fields.Where(f => f.Field == name).Select(f => f.Value).FirstOrDefault();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    public void EmptySelectorSelectsEverything(string? text)
    {
        var selector = FieldSelector.Parse(text);
        Assert.Empty(selector.Requirements);
        Assert.True(selector.Matches(Fields()));
    }

    [Fact]
    public void KubectlWaitSelectorSelectsByName()
    {
        var selector = FieldSelector.Parse("metadata.name=remote1");
        Assert.Equal([new FieldRequirement("metadata.name", "=", "remote1")], selector.Requirements);
        Assert.True(selector.Matches(Fields(("metadata.name", "remote1"))));
        Assert.False(selector.Matches(Fields(("metadata.name", "aaa"))));
    }

    [Fact]
    public void OperatorsAndConjunction()
    {
        var selector = FieldSelector.Parse("status.phase!=Running,metadata.namespace==default");
        // Terms are sorted, as the server sorts them before parsing.
        Assert.Equal(
            [new FieldRequirement("metadata.namespace", "==", "default"), new FieldRequirement("status.phase", "!=", "Running")],
            selector.Requirements);
        Assert.True(selector.Matches(Fields(("metadata.namespace", "default"), ("status.phase", "Pending"))));
        Assert.False(selector.Matches(Fields(("metadata.namespace", "default"), ("status.phase", "Running"))));
        Assert.False(selector.Matches(Fields(("metadata.namespace", "other"), ("status.phase", "Pending"))));
        // An absent field reads as "": != selects it, = selects it only against an empty value.
        Assert.True(FieldSelector.Parse("spec.nodeName!=n1").Matches(Fields()));
        Assert.True(FieldSelector.Parse("spec.nodeName=").Matches(Fields()));
        Assert.False(FieldSelector.Parse("spec.nodeName=n1").Matches(Fields()));
    }

    [Fact]
    public void TheFirstOperatorSplitsTheTermAndWhitespaceIsKept()
    {
        Assert.Equal([new FieldRequirement("a", "=", "!b")], FieldSelector.Parse("a=!b").Requirements);
        Assert.Equal([new FieldRequirement("a ", "=", " b")], FieldSelector.Parse("a = b").Requirements);
        Assert.Equal([new FieldRequirement("", "=", "x")], FieldSelector.Parse("=x").Requirements);
    }

    [Fact]
    public void BackslashEscapesAreUndone()
    {
        var selector = FieldSelector.Parse(@"metadata.name=a\,b\=c\\d,spec.x=y");
        Assert.Equal(
            [new FieldRequirement("metadata.name", "=", @"a,b=c\d"), new FieldRequirement("spec.x", "=", "y")],
            selector.Requirements);
        Assert.True(selector.Matches(Fields(("metadata.name", @"a,b=c\d"), ("spec.x", "y"))));
    }

    [Theory]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("a=1,b", "invalid selector: 'a=1,b'; can't understand 'b'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData(@"a=b\,c,d=e,f", "invalid selector: 'a=b\\,c,d=e,f'; can't understand 'f'")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    public void ErrorsCarryTheServersMessage(string text, string message)
    {
        var e = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void TermsAreCheckedInSortedOrder()
    {
        // Both terms are bad; the server sorts the terms first and reports "a".
        var e = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse("b,a"));
        Assert.Equal("invalid selector: 'b,a'; can't understand 'a'", e.Message);
    }
}
