using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>
/// SandboxCluster.AuditCommits: the store's own record of every committed write, the in-process controllers' included,
/// in the audit log with the resourceVersion it committed and the commit time; off by default.
/// </summary>
public sealed class CommitAuditTests
{
    [Fact]
    public async Task Each_committed_write_is_audited_with_its_resource_version_once_turned_on()
    {
        var dir = Directory.CreateTempSubdirectory("sbx-commits-").FullName;
        await using var cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "commits", Directory = dir });
        var store = cluster.Store;
        var namespaces = store.Types.Get("v1", "Namespace");
        var configMaps = store.Types.Get("v1", "ConfigMap");
        store.Create(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "before" } });
        Assert.Empty(Commits(cluster));

        cluster.AuditCommits = true;
        var from = DateTimeOffset.UtcNow;
        store.Create(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "after" } });
        var created = store.Create(configMaps, "after", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm" } }).Object;
        var deleted = store.Delete(configMaps, "after", "cm").Object;
        var to = DateTimeOffset.UtcNow;

        // the namespace seeder's kube-root-ca.crt is committed (and audited) too: this test's ConfigMap is "cm"
        var commits = Commits(cluster).Where(c => c["objectRef"]!["resource"]!.GetValue<string>() == "configmaps" &&
            c["objectRef"]!["name"]!.GetValue<string>() == "cm").ToList();
        Assert.Equal(["create", "delete"], commits.Select(c => c["verb"]!.GetValue<string>()));
        Assert.Equal([Rv(created), Rv(deleted)], commits.Select(c => c["objectRef"]!["resourceVersion"]!.GetValue<string>()));
        Assert.All(commits, c =>
        {
            Assert.Equal("after", c["objectRef"]!["namespace"]!.GetValue<string>());
            var at = DateTimeOffset.Parse(c["stageTimestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.InRange(at, from.AddTicks(-10), to.AddTicks(10));
        });
    }

    private static string Rv(JsonObject o) => o["metadata"]!["resourceVersion"]!.GetValue<string>();

    private static List<JsonObject> Commits(SandboxCluster cluster)
    {
        using var s = new FileStream(cluster.AuditLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var r = new StreamReader(s);
        return r.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!)
            .Where(e => e["userAgent"]?.GetValue<string>() == "liqo-sandbox-store").ToList();
    }
}
