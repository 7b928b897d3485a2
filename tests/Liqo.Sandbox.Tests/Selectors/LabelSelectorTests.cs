using Liqo.Sandbox.ApiServer.Selectors;

namespace Liqo.Sandbox.Tests.Selectors;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front" };
    private static readonly Dictionary<string, string> Db = new() { ["app"] = "db" };
    private static readonly Dictionary<string, string> NoLabels = new();

    private const string NamePartRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptySelectorSelectsEverything(string? text)
    {
        var selector = LabelSelector.Parse(text);
        Assert.True(selector.IsEmpty);
        Assert.True(selector.Matches(null));
        Assert.True(selector.Matches(Web));
    }

    [Theory]
    [InlineData("app=web", true, false, false)]
    [InlineData("app==web", true, false, false)]
    [InlineData("app!=web", false, true, true)]
    [InlineData("app in (web,db)", true, true, false)]
    [InlineData("app in (db)", false, true, false)]
    [InlineData("app notin (web)", false, true, true)]
    [InlineData("app", true, true, false)]
    [InlineData("!app", false, false, true)]
    [InlineData("app,tier", true, false, false)]
    [InlineData("app=web,tier=front", true, false, false)]
    [InlineData("app=web,!tier", false, false, false)]
    [InlineData("app!=web,!tier", false, true, true)]
    [InlineData("  app  =  web  ,  tier  ", true, false, false)]
    [InlineData("app in ( web , db )", true, true, false)]
    [InlineData("app\tin\t(web)", true, false, false)]
    public void OperatorsSelectLikeKubernetes(string text, bool web, bool db, bool none)
    {
        var selector = LabelSelector.Parse(text);
        Assert.False(selector.IsEmpty);
        Assert.Equal(web, selector.Matches(Web));
        Assert.Equal(db, selector.Matches(Db));
        Assert.Equal(none, selector.Matches(NoLabels));
        Assert.Equal(none, selector.Matches(null));
    }

    [Fact]
    public void LiqoctlSelectorsWork()
    {
        var configMap = LabelSelector.Parse("app.kubernetes.io/name in (clusterid-configmap)");
        Assert.True(configMap.Matches(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "clusterid-configmap" }));
        Assert.False(configMap.Matches(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "other" }));

        var tenant = LabelSelector.Parse("liqo.io/remote-cluster-id=cluster-b,liqo.io/tenant-namespace");
        Assert.True(tenant.Matches(new Dictionary<string, string>
        {
            ["liqo.io/remote-cluster-id"] = "cluster-b",
            ["liqo.io/tenant-namespace"] = "true",
        }));
        Assert.False(tenant.Matches(new Dictionary<string, string> { ["liqo.io/remote-cluster-id"] = "cluster-b" }));
        Assert.False(tenant.Matches(new Dictionary<string, string>
        {
            ["liqo.io/remote-cluster-id"] = "cluster-c",
            ["liqo.io/tenant-namespace"] = "true",
        }));
    }

    [Fact]
    public void EmptyValuesAndKeywordsAsIdentifiers()
    {
        // The grammar's own example: "x in (foo,,baz),y,z notin ()".
        var selector = LabelSelector.Parse("x in (foo,,baz),y,z notin ()");
        Assert.True(selector.Matches(new Dictionary<string, string> { ["x"] = "", ["y"] = "1" }));
        Assert.True(selector.Matches(new Dictionary<string, string> { ["x"] = "baz", ["y"] = "1", ["z"] = "a" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["x"] = "baz", ["y"] = "1", ["z"] = "" }));
        Assert.Equal("x in (,baz,foo),y,z notin ()", selector.ToString());

        Assert.True(LabelSelector.Parse("a=").Matches(new Dictionary<string, string> { ["a"] = "" }));
        Assert.False(LabelSelector.Parse("a=").Matches(NoLabels));
        // 'in' and 'notin' are ordinary words as keys and values.
        Assert.True(LabelSelector.Parse("in in (notin)").Matches(new Dictionary<string, string> { ["in"] = "notin" }));
        Assert.True(LabelSelector.Parse("notin=in").Matches(new Dictionary<string, string> { ["notin"] = "in" }));
    }

    [Fact]
    public void GreaterAndLessThanCompareIntegers()
    {
        var selector = LabelSelector.Parse("replicas>2,replicas<10");
        Assert.True(selector.Matches(new Dictionary<string, string> { ["replicas"] = "5" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["replicas"] = "2" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["replicas"] = "x" }));
        Assert.False(selector.Matches(NoLabels));
    }

    [Fact]
    public void RequirementsAreSortedByKeyInTheCanonicalForm()
    {
        Assert.Equal("a=1,b!=2,!c,d in (x,y),e", LabelSelector.Parse("e,d in (y,x,y),!c,b!=2,a=1").ToString());
    }

    [Theory]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("app=myapp,", "found '', expected: identifier after ','")]
    [InlineData("a,,b", "found ',', expected: identifier after ','")]
    [InlineData("=a", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("a=b=c", "found '=', expected: ',' or 'end of string'")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!!a", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("a in b", "unable to parse requirement: found 'b' expected: '('")]
    [InlineData("a in (b", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a in (b,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("a=(b)", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void SyntaxErrorsCarryTheServersMessage(string text, string message)
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void InvalidKeysAreRefusedWithTheQualifiedNameRules()
    {
        // As kubectl prints it from a real server: kubectl get pods -l "app:monolith".
        AssertRefused("app:monolith", "unable to parse requirement: <nil>: Invalid value: \"app:monolith\": " + NamePartRule);
        AssertRefused("*bar", "unable to parse requirement: <nil>: Invalid value: \"*bar\": " + NamePartRule);
        AssertRefused("app.kubernetes_io/name=x",
            "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a lowercase RFC 1123 subdomain must consist of " +
            "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
            "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        AssertRefused("a/b/c ?=? def",
            "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', " +
            "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
            "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        AssertRefused("/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty");
        AssertRefused("a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; " + NamePartRule);
        var longKey = new string('k', 64);
        AssertRefused(longKey, $"unable to parse requirement: <nil>: Invalid value: \"{longKey}\": name part must be no more than 63 characters");
        Assert.True(LabelSelector.Parse(new string('k', 63)).Matches(new Dictionary<string, string> { [new string('k', 63)] = "" }));
        Assert.False(LabelSelector.Parse("example.com/My_Name.1").IsEmpty);
        // Go's %q escapes the quote inside the key.
        AssertRefused("a\"b=c", "unable to parse requirement: <nil>: Invalid value: \"a\\\"b\": " + NamePartRule);
    }

    [Fact]
    public void InvalidValuesAreRefusedWithTheLabelValueRules()
    {
        var longValue = new string('z', 64);
        AssertRefused("good-key=" + longValue,
            $"unable to parse requirement: values[0][good-key]: Invalid value: \"{longValue}\": must be no more than 63 characters");
        AssertRefused("a=-x", "unable to parse requirement: values[0][a]: Invalid value: \"-x\": " + LabelValueRule);
        // Several bad values aggregate in brackets; the value set is sorted first.
        AssertRefused("a in (y-,-x)",
            "unable to parse requirement: [values[0][a]: Invalid value: \"-x\": " + LabelValueRule +
            ", values[1][a]: Invalid value: \"y-\": " + LabelValueRule + "]");
        AssertRefused("a>-1", "unable to parse requirement: values[0][a]: Invalid value: \"-1\": " + LabelValueRule);
    }

    private static void AssertRefused(string text, string message)
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(text));
        Assert.Equal(message, e.Message);
    }
}
