using System.Text;
using Liqo.Sandbox.Liqo.Crypto;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The local ResourceSlice controller (localresourceslice_controller.go), on the consumer: a local slice
/// (liqo.io/replication=true) gets spec.consumerClusterID (this cluster), spec.providerClusterID (from its
/// liqo.io/remote-cluster-id label or its tenant namespace) and spec.csr (CN = &lt;slice&gt;-&lt;hash of the consumer
/// ID&gt;, O = the consumer ID, signed with the cluster key).
/// </summary>
internal sealed class LocalResourceSliceController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "resourceslice-local";

    protected override void Reconcile()
    {
        foreach (var rs in List(Kind.ResourceSlice, null, LiqoLabels.Replication + "=true"))
        {
            if (Obj.Deleting(rs)) continue;
            var changed = false;
            if (Obj.Str(rs, "spec", "consumerClusterID") is null)
            {
                Obj.Set(rs, Plane.ClusterId, "spec", "consumerClusterID");
                changed = true;
            }
            if (Obj.Str(rs, "spec", "providerClusterID") is null)
            {
                var provider = Obj.Label(rs, LiqoLabels.RemoteClusterId) is { Length: > 0 } l ? l
                    : Obj.Label(Get(Kind.Namespace, null, Obj.Ns(rs)) ?? new(), LiqoLabels.RemoteClusterId);
                if (provider is null) continue;
                Obj.Set(rs, provider, "spec", "providerClusterID");
                changed = true;
            }
            if (Obj.Str(rs, "spec", "csr") is not { Length: > 0 })
            {
                if (Plane.Keys is not { } keys) continue;
                var consumer = Obj.Str(rs, "spec", "consumerClusterID")!;
                var csr = CertificateRequests.Build(keys, CertificateRequests.ResourceSliceCommonName(Obj.Name(rs), consumer), consumer);
                Obj.Set(rs, Convert.ToBase64String(Encoding.ASCII.GetBytes(csr)), "spec", "csr");
                changed = true;
            }
            if (changed && Due(rs, "complete") && Update(Kind.ResourceSlice, rs) is { } updated)
                Event(updated, "Normal", "Reconciled", "ResourceSlice reconciled");
        }
    }
}
