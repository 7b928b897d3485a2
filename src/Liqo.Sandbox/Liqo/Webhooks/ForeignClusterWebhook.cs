using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Webhooks;

/// <summary>The ForeignCluster mutating webhook (fc.mutate.liqo.io): the liqo.io/remote-cluster-id label follows spec.clusterID.</summary>
internal sealed class ForeignClusterWebhook(LiqoControlPlane plane) : LiqoWebhook(plane)
{
    public override Kind Kind => Kind.ForeignCluster;

    protected override void Admit(AdmissionRequest request)
    {
        if (Obj.Label(request.Object, "liqo.io/webhook-skip") == "true") return;
        if (Obj.Str(request.Object, "spec", "clusterID") is { Length: > 0 } id) Obj.SetLabel(request.Object, LiqoLabels.RemoteClusterId, id);
    }
}
