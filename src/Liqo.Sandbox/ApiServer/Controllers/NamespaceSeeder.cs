using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Storage;

namespace Liqo.Sandbox.ApiServer.Controllers;

/// <summary>
/// The service-account and root-CA publisher controllers, run instantly when a namespace is created: every namespace
/// gets ServiceAccount "default" and ConfigMap "kube-root-ca.crt" with the cluster CA.
/// </summary>
internal sealed class NamespaceSeeder(ClusterStore store, string caPem)
{
    public void OnCommitted(ChangeRecord record)
    {
        if (record.TypeKey != "/namespaces" || record.Type != "ADDED") return;
        var ns = record.Name;
        TryCreate("ServiceAccount", ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } }, "kube-controller-manager");
        TryCreate("ConfigMap", ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "kube-root-ca.crt",
                ["annotations"] = new JsonObject
                {
                    ["kubernetes.io/description"] = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.",
                },
            },
            ["data"] = new JsonObject { ["ca.crt"] = caPem },
        }, "kube-controller-manager");
    }

    private void TryCreate(string kind, string ns, JsonObject obj, string manager)
    {
        try
        {
            store.Create(store.Types.Get("v1", kind), ns, obj, new WriteOptions { FieldManager = manager });
        }
        catch (ApiException)
        {
            // already there, or the namespace is going away
        }
    }
}
