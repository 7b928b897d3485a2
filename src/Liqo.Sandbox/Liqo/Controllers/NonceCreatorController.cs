using System.Security.Cryptography;
using System.Text;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The nonce creator (noncecreator_controller.go), on the provider: a Secret labelled liqo.io/nonce=true in the tenant
/// namespace of the cluster its liqo.io/remote-cluster-id names gets data.nonce: the standard base64 text (88
/// characters) of 64 random bytes.
/// </summary>
internal sealed class NonceCreatorController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "noncecreator";

    protected override void Reconcile()
    {
        foreach (var secret in List(Kind.Secret, null, LiqoLabels.Nonce + "=true"))
        {
            if (Obj.Deleting(secret) || Obj.Str(secret, "data", "nonce") is { Length: > 0 }) continue;
            if (Obj.Label(secret, LiqoLabels.RemoteClusterId) is not { Length: > 0 } remoteId) continue;
            if (!TenantNamespaces.IsTenantNamespaceOf(Get(Kind.Namespace, null, Obj.Ns(secret)), remoteId)) continue;
            if (!Due(secret, "nonce")) continue;
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            Obj.Set(secret, Convert.ToBase64String(Encoding.ASCII.GetBytes(nonce)), "data", "nonce");
            Update(Kind.Secret, secret);
        }
    }
}
