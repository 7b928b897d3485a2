using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Webhooks;

/// <summary>The ResourceSlice validating webhook (pkg/webhooks/resourceslice): a local ResourceSlice name is unique in the cluster.</summary>
internal sealed class ResourceSliceWebhook(LiqoControlPlane plane) : LiqoWebhook(plane)
{
    private const string Name = "resourceslice.validate.liqo.io";

    public override Kind Kind => Kind.ResourceSlice;

    protected override void Admit(AdmissionRequest request)
    {
        if (request.Operation != "CREATE" || Obj.Label(request.Object, LiqoLabels.Replication) != "true") return;
        if (Plane.List(Kind.ResourceSlice, null, LiqoLabels.Replication + "=true").Any(rs => Obj.Name(rs) == request.Name))
            throw Denied(Name, "a resourceslice with the same name already exists in the cluster");
    }
}
