using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Webhooks;

/// <summary>
/// The VirtualNode mutating webhook (pkg/webhooks/virtualnode): reads the VkOptionsTemplate (spec.vkOptionsTemplateRef or
/// the Liqo namespace's virtual-kubelet-default; missing → denied), refuses a VirtualNode whose Node already exists, and
/// on create fills createNode, disableNetworkCheck, the template reference and the virtual-kubelet Deployment template.
/// </summary>
internal sealed class VirtualNodeWebhook(LiqoControlPlane plane) : LiqoWebhook(plane)
{
    private const string Name = "virtualnode.mutate.liqo.io";

    public override Kind Kind => Kind.VirtualNode;

    protected override void Admit(AdmissionRequest request)
    {
        var vn = request.Object;
        var reference = Obj.Object(vn, "spec", "vkOptionsTemplateRef");
        var refNs = Obj.Str(reference, "namespace") ?? Plane.LiqoNamespace;
        var refName = Obj.Str(reference, "name") ?? "virtual-kubelet-default";
        var opts = Plane.Get(Kind.VkOptionsTemplate, refNs, refName)
            ?? throw Denied(Name, $"vkoptionstemplates.offloading.liqo.io \"{refName}\" not found");
        if (request.Operation != "CREATE") return;
        if (Plane.Get(Kind.Node, null, request.Name) is not null) throw Denied(Name, $"node {request.Name} already exists");

        var spec = ApiServer.ServerJson.Ensure(vn, "spec");
        spec["createNode"] ??= Obj.At(opts, "spec", "createNode")?.DeepClone() ?? true;
        spec["disableNetworkCheck"] ??= Obj.At(opts, "spec", "disableNetworkCheck")?.DeepClone() ?? false;
        spec["vkOptionsTemplateRef"] ??= new JsonObject
        {
            ["apiVersion"] = Kind.VkOptionsTemplate.ApiVersion, ["kind"] = Kind.VkOptionsTemplate.Name, ["name"] = refName, ["namespace"] = refNs,
        };
        if (spec["template"] is null)
        {
            var labels = new JsonObject
            {
                ["app.kubernetes.io/name"] = "virtual-kubelet",
                ["app.kubernetes.io/instance"] = "virtual-kubelet-" + request.Name,
                ["offloading.liqo.io/virtual-node"] = request.Name,
            };
            var image = Obj.Str(opts, "spec", "containerImage") ?? "ghcr.io/liqotech/virtual-kubelet";
            spec["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["replicas"] = Obj.At(opts, "spec", "replicas")?.DeepClone() ?? 1,
                    ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                        ["spec"] = new JsonObject
                        {
                            ["containers"] = new JsonArray(new JsonObject
                            {
                                ["name"] = "virtual-kubelet",
                                ["image"] = image,
                                ["imagePullPolicy"] = Obj.Str(opts, "spec", "pullPolicy") ?? "IfNotPresent",
                                ["args"] = Obj.Strings([
                                    "--foreign-cluster-id=" + (Obj.Str(vn, "spec", "clusterID") ?? ""),
                                    "--nodename=" + request.Name,
                                    "--tenant-namespace=" + request.Namespace,
                                    "--home-cluster-id=" + Plane.ClusterId,
                                    "--foreign-kubeconfig-secret-name=" + (Obj.Str(vn, "spec", "kubeconfigSecretRef", "name") ?? ""),
                                ]),
                            }),
                        },
                    },
                },
            };
        }
    }
}
