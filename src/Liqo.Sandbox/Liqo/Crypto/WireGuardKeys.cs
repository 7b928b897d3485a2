using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Liqo.Sandbox.Liqo.Crypto;

/// <summary>A WireGuard (X25519) key pair, raw 32-byte keys as the gateway key Secret holds them.</summary>
internal sealed record WireGuardKeys(byte[] PrivateKey, byte[] PublicKey)
{
    public static WireGuardKeys Generate()
    {
        var priv = new X25519PrivateKeyParameters(new SecureRandom());
        return new WireGuardKeys(priv.GetEncoded(), priv.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The public key of a raw private key (null when it is not 32 bytes).</summary>
    public static byte[]? PublicOf(byte[] privateKey) =>
        privateKey.Length == 32 ? new X25519PrivateKeyParameters(privateKey, 0).GeneratePublicKey().GetEncoded() : null;
}
