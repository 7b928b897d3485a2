namespace Liqo.Engine.Crypto;

/// <summary>The object identifiers Go's crypto/x509 writes into the keys and CSRs Liqo handles.</summary>
internal static class Oids
{
    public const string Ed25519 = "1.3.101.112";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string EcPublicKey = "1.2.840.10045.2.1";

    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    public const string EcdsaWithSha512 = "1.2.840.10045.4.3.4";

    public const string Organization = "2.5.4.10";
    public const string CommonName = "2.5.4.3";
}
