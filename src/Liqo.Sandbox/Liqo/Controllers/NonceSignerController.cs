using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The nonce signer (noncesigner_controller.go), on the consumer: a Secret labelled liqo.io/signed-nonce=true with
/// data.nonce gets data.signedNonce, the raw signature of the nonce's ASCII bytes with the cluster key (pure Ed25519, or
/// RSA PKCS#1 v1.5 over SHA-256).
/// </summary>
internal sealed class NonceSignerController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "noncesigner";

    protected override void Reconcile()
    {
        foreach (var secret in List(Kind.Secret, null, LiqoLabels.SignedNonce + "=true"))
        {
            if (Obj.Deleting(secret) || Obj.Str(secret, "data", "signedNonce") is { Length: > 0 }) continue;
            if (Obj.Bytes(secret, "data", "nonce") is not { Length: > 0 } nonce) continue;
            if (Plane.Keys is not { } keys || !Due(secret, "sign")) continue;
            var signature = keys.Sign(nonce);
            Obj.Set(secret, Convert.ToBase64String(signature), "data", "signedNonce");
            Update(Kind.Secret, secret);
        }
    }
}
