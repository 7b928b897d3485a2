using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Webhooks;

/// <summary>
/// The NamespaceOffloading validating webhook (pkg/webhooks/namespaceoffloading, nsoff.validate.liqo.io), for creates
/// and updates of objects without label liqo.io/webhook-skip=true: the name must be offloading; on create, SelectedName
/// needs spec.remoteNamespaceName; on update, namespaceMappingStrategy and remoteNamespaceName cannot change. (Liqo also
/// answers a warning when the pod offloading strategy becomes more restrictive; this API server's admission hooks carry
/// no warnings, and liqoctl prints its own.)
/// </summary>
internal sealed class NamespaceOffloadingWebhook(LiqoControlPlane plane) : LiqoWebhook(plane)
{
    private const string Name = "nsoff.validate.liqo.io";

    public override Kind Kind => Kind.NamespaceOffloading;

    protected override void Admit(AdmissionRequest request)
    {
        var nsoff = request.Object;
        if (Obj.Label(nsoff, "liqo.io/webhook-skip") == "true") return;
        if (request.Name != LiqoLabels.NamespaceOffloadingName)
            throw Denied(Name, "NamespaceOffloading name must match " + LiqoLabels.NamespaceOffloadingName);
        var strategy = Obj.Str(nsoff, "spec", "namespaceMappingStrategy") ?? "";
        var remoteName = Obj.Str(nsoff, "spec", "remoteNamespaceName") ?? "";
        if (request.Operation == "CREATE")
        {
            if (strategy == "SelectedName" && remoteName.Length == 0)
                throw Denied(Name, "The RemoteNamespaceName value cannot be empty when using the SelectedName NamespaceMappingStrategy");
            return;
        }
        if (request.OldObject is not { } old) return;
        if ((Obj.Str(old, "spec", "namespaceMappingStrategy") ?? "") != strategy)
            throw Denied(Name, "The NamespaceMappingStrategy value cannot be modified after creation");
        if ((Obj.Str(old, "spec", "remoteNamespaceName") ?? "") != remoteName)
            throw Denied(Name, "The RemoteNamespaceName value cannot be modified after creation");
    }
}
