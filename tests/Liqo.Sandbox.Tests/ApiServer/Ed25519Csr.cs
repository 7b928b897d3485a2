using System.Formats.Asn1;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>
/// Builds a PKCS#10 request with an Ed25519 subject key, as Liqo's peers send. .NET cannot sign with Ed25519, so the
/// signature is random bytes: the sandbox cannot verify Ed25519 request signatures either (a documented divergence).
/// </summary>
public static class Ed25519Csr
{
    public static byte[] Build(string cn, string org)
    {
        var publicKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            var info = new AsnWriter(AsnEncodingRules.DER);
            using (info.PushSequence())
            {
                info.WriteInteger(0);
                using (info.PushSequence())
                {
                    using (info.PushSetOf())
                    using (info.PushSequence())
                    {
                        info.WriteObjectIdentifier("2.5.4.10");
                        info.WriteCharacterString(UniversalTagNumber.UTF8String, org);
                    }
                    using (info.PushSetOf())
                    using (info.PushSequence())
                    {
                        info.WriteObjectIdentifier("2.5.4.3");
                        info.WriteCharacterString(UniversalTagNumber.UTF8String, cn);
                    }
                }
                using (info.PushSequence())
                {
                    using (info.PushSequence()) info.WriteObjectIdentifier("1.3.101.112");
                    info.WriteBitString(publicKey);
                }
                using (info.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0))) { }
            }
            w.WriteEncodedValue(info.Encode());
            using (w.PushSequence()) w.WriteObjectIdentifier("1.3.101.112");
            w.WriteBitString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        }
        return w.Encode();
    }
}
