using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Controllers;

/// <summary>
/// The naming and establishing controllers, run instantly after each CRD write: accepted names, the NamesAccepted and
/// Established conditions (a status write watchers see as MODIFIED), then the resource is registered so that discovery,
/// OpenAPI and routing serve it. A deleted CRD is unregistered.
/// </summary>
internal sealed class CrdEstablisher(ClusterStore store)
{
    private const string CrdKey = "apiextensions.k8s.io/customresourcedefinitions";

    public void OnCommitted(ChangeRecord record)
    {
        if (record.TypeKey != CrdKey) return;
        // Hooks of concurrent writers may run out of order: act on the current state, not on the record's.
        var type = store.Types.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition");
        var crd = store.TryGet(type, null, record.Name);
        if (crd is null)
        {
            var spec = ServerJson.Obj(record.New, "spec");
            store.Types.SetCustomTypes(ServerJson.Str(spec, "group") ?? "",
                ServerJson.Str(ServerJson.Obj(spec, "names"), "plural") ?? "", []);
            return;
        }
        if (!ObjectMeta.IsDeleting(crd) && NeedsStatus(crd, out var desired))
        {
            crd["status"] = desired;
            try
            {
                store.Update(type, null, record.Name, crd, new WriteOptions { FieldManager = "kube-apiserver", Subresource = "status" });
            }
            catch (ApiException)
            {
                // changed meanwhile: the next commit of this CRD runs this again
            }
            return;
        }
        // once the cleanup finalizer is gone the resources are unserved for good (ClusterControllers did it)
        if (CrdTypes.IsEstablished(crd) && !(ObjectMeta.IsDeleting(crd) && !ObjectMeta.Finalizers(crd).Contains(ClusterStore.CrdCleanupFinalizer)))
        {
            var spec = ServerJson.Obj(crd, "spec");
            store.Types.SetCustomTypes(ServerJson.Str(spec, "group") ?? "",
                ServerJson.Str(ServerJson.Obj(spec, "names"), "plural") ?? "", CrdTypes.FromCrd(crd));
        }
    }

    private bool NeedsStatus(JsonObject crd, out JsonObject desired)
    {
        var status = (JsonObject?)ServerJson.Obj(crd, "status")?.DeepClone() ?? new JsonObject();
        var names = (JsonObject)ServerJson.Obj(ServerJson.Obj(crd, "spec"), "names")!.DeepClone();
        status["acceptedNames"] = names;
        var conditions = ServerJson.Arr(status, "conditions") ?? [];
        var now = ObjectMeta.Timestamp(store.Now);
        SetCondition(conditions, "NamesAccepted", "NoConflicts", "no conflicts found", now);
        SetCondition(conditions, "Established", "InitialNamesAccepted", "the initial names have been accepted", now);
        status["conditions"] = conditions;
        desired = status;
        return !JsonNode.DeepEquals(ServerJson.Obj(crd, "status"), status);
    }

    private static void SetCondition(JsonArray conditions, string type, string reason, string message, string now)
    {
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => ServerJson.Str(c, "type") == type);
        if (existing is not null && ServerJson.Str(existing, "status") == "True") return;
        if (existing is not null) conditions.Remove(existing);
        conditions.Add(new JsonObject
        {
            ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message,
        });
    }
}
