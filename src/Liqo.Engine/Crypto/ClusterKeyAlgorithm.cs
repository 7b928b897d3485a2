namespace Liqo.Engine.Crypto;

/// <summary>
/// The key types Liqo v1.2 accepts for a cluster's authentication keys (Secret <c>authentication-keys</c>):
/// Ed25519 by default, RSA when the controller manager runs in TLS compatibility mode, ECDSA (signing and verification
/// accept it, Liqo itself never generates it).
/// </summary>
public enum ClusterKeyAlgorithm
{
    Ed25519,
    Rsa,
    Ecdsa,
}
