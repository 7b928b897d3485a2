using System.Text.Json.Nodes;
using Liqo.Sandbox;
using Liqo.Sandbox.ApiServer.Storage;

namespace Liqo.Benchmarks.Info;

/// <summary>
/// Writes peerings as plain objects into a sandbox cluster's store: the objects a real consumer holds for its healthy
/// provider "milan" (the engine tests' fixtures, captured from real Liqo v1.2 installations), copied once per peer with
/// the cluster ID replaced. Server-set metadata and owner references are dropped; status is written through the status
/// subresource.
/// </summary>
internal sealed class PeerSeeder
{
    private static readonly string[] Files = ["foreignclusters", "configurations", "gatewayclients", "gatewayservers", "identities",
        "resourceslices", "virtualnodes", "secrets"];
    private const string Template = "milan";

    private readonly List<string> _templates = [];

    public PeerSeeder(string fixturesDirectory)
    {
        foreach (var file in Files)
        {
            var list = JsonNode.Parse(File.ReadAllText(Path.Combine(fixturesDirectory, file + ".json")))!.AsObject();
            foreach (var item in list["items"]!.AsArray().Select(i => i!.AsObject()))
            {
                var labels = item["metadata"]?["labels"] as JsonObject;
                if ((string?)labels?["liqo.io/remote-cluster-id"] != Template) continue;
                var meta = item["metadata"]!.AsObject();
                foreach (var k in new[] { "uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "ownerReferences", "selfLink" })
                    meta.Remove(k);
                _templates.Add(item.ToJsonString());
            }
        }
        if (_templates.Count == 0) throw new InvalidOperationException($"No objects of peer '{Template}' in {fixturesDirectory}.");
    }

    public int ObjectsPerPeer => _templates.Count;

    public void Seed(SandboxCluster cluster, string clusterId)
    {
        var store = cluster.Store;
        store.Create(store.Types.Get("v1", "Namespace"), null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "liqo-tenant-" + clusterId } });
        foreach (var text in _templates)
        {
            var obj = JsonNode.Parse(text.Replace(Template, clusterId, StringComparison.Ordinal))!.AsObject();
            var type = store.Types.Get((string)obj["apiVersion"]!, (string)obj["kind"]!);
            var ns = (string?)obj["metadata"]!["namespace"];
            var status = obj["status"]?.DeepClone();
            obj.Remove("status");
            var created = store.Create(type, ns, obj).Object;
            if (status is not null)
                store.Patch(type, ns, (string)created["metadata"]!["name"]!, PatchType.MergePatch, new JsonObject { ["status"] = status },
                    new WriteOptions { Subresource = "status" });
        }
    }
}
