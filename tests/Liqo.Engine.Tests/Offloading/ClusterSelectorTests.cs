using Liqo.Engine.GoFormat;
using Liqo.Engine.Offloading;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Offloading;

/// <summary>
/// liqoctl offload namespace's -l/--selector (ParseClusterSelectors, toNodeSelector) and --ns-selector checks, and its
/// -o json|yaml print (kubectl's JSONPrinter: four spaces; YAMLPrinter then liqoctl's "---").
/// </summary>
public sealed class ClusterSelectorTests
{
    private static string Terms(params string[] selectors) => ClusterSelector.ToNodeSelector(selectors).ToJsonString();

    [Fact]
    public void NoSelectorIsAnEmptyTermListThatSelectsEveryCluster() => Assert.Equal("""{"nodeSelectorTerms":[]}""", Terms());

    [Fact]
    public void MatchLabelsBecomeInExpressionsAfterTheOtherRequirementsWhichAreSortedByKey()
    {
        Assert.Equal(
            """{"nodeSelectorTerms":[{"matchExpressions":[{"key":"b","operator":"Exists"},{"key":"region","operator":"NotIn","values":["eu","us"]},{"key":"z","operator":"DoesNotExist"},{"key":"a","operator":"In","values":["1"]},{"key":"c","operator":"In","values":["2"]}]}]}""",
            Terms("!z, c==2, region notin (us, eu), b, a=1"));
    }

    [Fact]
    public void EachSelectorIsOneTermOfTheNodeSelector()
    {
        Assert.Equal(
            """{"nodeSelectorTerms":[{"matchExpressions":[{"key":"region","operator":"In","values":["europe","us-west"]}]},{"matchExpressions":[{"key":"staging","operator":"DoesNotExist"}]}]}""",
            Terms("region in (europe,us-west)", "!staging"));
    }

    [Theory]
    [InlineData("a!=b", "\"!=\" isn't supported in label selectors")]
    [InlineData("a>1", "\"gt\" isn't supported in label selectors")]
    [InlineData("a in ()", "values set can't be empty")]
    [InlineData("-bad=1", "invalid label key")]
    [InlineData("a=b c", "expected: ',' or 'end of string'")]
    public void SelectorsLiqoctlRefusesAreClusterSelectorInvalid(string selector, string message)
    {
        var e = Assert.Throws<LiqoException>(() => ClusterSelector.ToNodeSelector([selector]));
        Assert.Equal(ErrorIds.ClusterSelectorInvalid, e.ErrorId);
        Assert.Equal(selector, e.TargetObject);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheArgumentsAreCheckedAsLiqoctlChecksThem()
    {
        Assert.Equal(ErrorIds.OffloadingOptionsInvalid, Assert.Throws<LiqoException>(() => Offload.Check([], null, new OffloadOptions())).ErrorId);
        Assert.Equal(ErrorIds.OffloadingOptionsInvalid, Assert.Throws<LiqoException>(() => Offload.Check(["a"], "x=y", new OffloadOptions())).ErrorId);
        Assert.Equal(ErrorIds.OffloadingOptionsInvalid,
            Assert.Throws<LiqoException>(() => Offload.Check(["a", "b"], null, new OffloadOptions { RemoteNamespaceName = "r" })).ErrorId);
        Assert.Equal(ErrorIds.NamespaceSelectorInvalid, Assert.Throws<LiqoException>(() => Offload.Check([], "a in (", new OffloadOptions())).ErrorId);
        Offload.Check([], "team=blue,tier!=db", new OffloadOptions());
    }

    [Fact]
    public void LabelSelectorParsesEveryOperatorAndSortsByKey()
    {
        var r = LabelSelector.Parse(" z , !y,x==1, w!=2 ,v in (b,a), u notin (c), t>3, s<4 ");
        Assert.Equal(["s", "t", "u", "v", "w", "x", "y", "z"], r.Select(q => q.Key));
        Assert.Equal(["lt", "gt", "notin", "in", "!=", "==", "!", "exists"], r.Select(q => q.Operator));
        Assert.Equal(["a", "b"], r.Single(q => q.Key == "v").Values);
    }

    [Fact]
    public void YamlIsSortedAndEndsWithLiqoctlsSeparator()
    {
        var text = NamespaceOffloading.Print("foo", new OffloadOptions { PodOffloadingStrategy = "Remote", ClusterSelectors = ["a=b"] }, MachineFormat.Yaml);
        Assert.Equal("""
            apiVersion: offloading.liqo.io/v1beta1
            kind: NamespaceOffloading
            metadata:
              name: offloading
              namespace: foo
            spec:
              clusterSelector:
                nodeSelectorTerms:
                - matchExpressions:
                  - key: a
                    operator: In
                    values:
                    - b
              namespaceMappingStrategy: DefaultName
              podOffloadingStrategy: Remote
            status: {}
            ---

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void JsonIsGosMarshalIndentWithFourSpaces()
    {
        var text = NamespaceOffloading.Print("foo", new OffloadOptions { NamespaceMappingStrategy = "SelectedName", RemoteNamespaceName = "bar" }, MachineFormat.Json);
        Assert.Equal("""
            {
                "kind": "NamespaceOffloading",
                "apiVersion": "offloading.liqo.io/v1beta1",
                "metadata": {
                    "name": "offloading",
                    "namespace": "foo"
                },
                "spec": {
                    "namespaceMappingStrategy": "SelectedName",
                    "remoteNamespaceName": "bar",
                    "podOffloadingStrategy": "LocalAndRemote",
                    "clusterSelector": {
                        "nodeSelectorTerms": []
                    }
                },
                "status": {}
            }

            """.ReplaceLineEndings("\n"), text);
    }
}
