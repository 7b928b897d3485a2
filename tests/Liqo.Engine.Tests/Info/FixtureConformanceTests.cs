namespace Liqo.Engine.Tests.Info;

/// <summary>The fixtures are objects a real Liqo v1.2 accepts: every custom resource passes its real CRD's schema.</summary>
public class FixtureConformanceTests
{
    [LiqoCrdFact]
    public void EveryLiqoObjectInTheFixturesMatchesItsV120Crd()
    {
        var checkedObjects = 0;
        var problems = new List<string>();
        foreach (var (cluster, file, item) in InfoFixtures.All())
        {
            var kind = item["kind"]!.ToString();
            if (!item["apiVersion"]!.ToString().Contains(".liqo.io/", StringComparison.Ordinal)) continue;
            var schema = LiqoCrdSchemas.For(kind);
            Assert.NotNull(schema);
            checkedObjects++;
            problems.AddRange(LiqoCrdSchemas.Problems(item, schema).Select(p => $"{cluster}/{file} {kind} {item["metadata"]!["name"]}: {p}"));
        }
        Assert.True(checkedObjects >= 20, $"only {checkedObjects} Liqo objects checked");
        Assert.Empty(problems);
    }

    [LiqoCrdFact]
    public void TheCheckFindsWhatTheApiServerWouldReject()
    {
        var fc = InfoFixtures.Items("rome", "foreignclusters")[0].DeepClone().AsObject();
        fc["status"]!["role"] = "Leader";
        fc["status"]!["modules"]!["networking"]!["color"] = "blue";
        fc["spec"]!.AsObject().Remove("clusterID");
        var problems = LiqoCrdSchemas.Problems(fc, LiqoCrdSchemas.For("ForeignCluster")!).ToList();
        Assert.Contains(problems, p => p.Contains("status.role", StringComparison.Ordinal) && p.Contains("Leader", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("networking.color: unknown field", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("spec.clusterID: required", StringComparison.Ordinal));
    }
}
