using System.Formats.Asn1;
using System.Text;
using System.Text.RegularExpressions;
using Liqo.Engine.Crypto;

namespace Liqo.Engine.Tests.Crypto;

/// <summary>The PKCS#10 CSRs Liqo builds (csr.go), checked field by field, against openssl, and against a golden sample.</summary>
public sealed class TenantCsrTests : IClassFixture<OpenSslKeys>
{
    private readonly OpenSslKeys _keys;

    public TenantCsrTests(OpenSslKeys keys) => _keys = keys;

    // ---------------------------------------------------------------------------------------------------------------
    // Golden sample. The key was generated once with `openssl genpkey -algorithm ed25519`. The expected DER was NOT
    // produced by this engine: it was assembled by hand from Go's rules and signed with openssl:
    //
    //   30 5f                                      certificationRequestInfo, 95 bytes
    //     02 01 00                                 version INTEGER 0
    //     30 2c                                    subject (asn1.Marshal of pkix.Name.ToRDNSequence()), O before CN
    //       31 10 30 0e 06 03 55 04 0a             SET { SEQUENCE { id-at-organizationName
    //                   13 07 "liqo.io"                 PrintableString (Go: all characters printable) } }
    //       31 18 30 16 06 03 55 04 03             SET { SEQUENCE { id-at-commonName
    //                   13 0f "consumer-1a2b3c"         PrintableString } }
    //     30 2a 30 05 06 03 2b 65 70               SubjectPublicKeyInfo { { id-Ed25519 (no parameters) }
    //           03 21 00 <32-byte public key>        BIT STRING } (= `openssl pkey -pubout -outform DER`)
    //     a0 00                                    attributes [0] IMPLICIT SET, empty (Go writes it even when empty)
    //   30 05 06 03 2b 65 70                       signatureAlgorithm PureEd25519 (no parameters)
    //   03 41 00 <64-byte signature>               BIT STRING
    // wrapped in 30 81 ab (171 bytes). The signature is `openssl pkeyutl -sign -rawin -inkey key.pem -in tbs.der`
    // over the 97 TBS bytes (Ed25519 is deterministic, so Go's ed25519.Sign gives the same bytes); then
    // `openssl req -inform DER -verify -noout -subject` printed "subject=O = liqo.io, CN = consumer-1a2b3c" and
    // "Certificate request self-signature verify OK", and `openssl req -inform DER -out csr.pem` gave the PEM below
    // (openssl's PEM layout equals Go's: 64-character lines, trailing newline).
    // ---------------------------------------------------------------------------------------------------------------
    private const string GoldenKeyPem =
        "-----BEGIN PRIVATE KEY-----\n" +
        "MC4CAQAwBQYDK2VwBCIEIPczOwDwAbyergTyyzNS9LUzFkoy+7pYKATdb6rgLua/\n" +
        "-----END PRIVATE KEY-----\n";

    private const string GoldenClusterId = "consumer-1a2b3c";

    private const string GoldenCsrHex =
        "3081ab" +
        "305f" + "020100" +
        "302c" + "3110300e060355040a13076c69716f2e696f" + "311830160603550403130f636f6e73756d65722d316132623363" +
        "302a300506032b6570032100" + "4422db750b4803e46f76dd520947c628526814d1135ff541f3d379c8b5a56b0c" +
        "a000" +
        "300506032b6570" +
        "034100" + "fc520a106f9734e92b76cad8881a23540b482a47d62b71a99e21c35bf8ffd93e" +
                   "c04571bef2c366875c014bb371f26d91d5f110fc3842a7a10098df8c18cd240e";

    private const string GoldenCsrPem =
        "-----BEGIN CERTIFICATE REQUEST-----\n" +
        "MIGrMF8CAQAwLDEQMA4GA1UEChMHbGlxby5pbzEYMBYGA1UEAxMPY29uc3VtZXIt\n" +
        "MWEyYjNjMCowBQYDK2VwAyEARCLbdQtIA+Rvdt1SCUfGKFJoFNETX/VB89N5yLWl\n" +
        "awygADAFBgMrZXADQQD8UgoQb5c06St2ytiIGiNUC0gqR9YrcameIcNb+P/ZPsBF\n" +
        "cb7yw2aHXAFLs3HybZHV8RD8OEKnoQCY34wYzSQO\n" +
        "-----END CERTIFICATE REQUEST-----\n";

    [Fact]
    public void GoldenControlPlaneCsrIsByteIdentical()
    {
        var keys = ClusterKeys.FromPem(Encoding.ASCII.GetBytes(GoldenKeyPem));
        var csr = TenantCsr.ForControlPlane(keys, GoldenClusterId);
        Assert.Equal(GoldenCsrHex, Convert.ToHexString(csr.Der).ToLowerInvariant());
        Assert.Equal(GoldenCsrPem, csr.PemText);
        Assert.Equal(Encoding.ASCII.GetBytes(GoldenCsrPem), csr.Pem);
        Assert.Equal(GoldenClusterId, csr.CommonName);
        Assert.Equal("liqo.io", csr.Organization);
    }

    [Theory]
    [InlineData(ClusterKeyAlgorithm.Ed25519)]
    [InlineData(ClusterKeyAlgorithm.Rsa)]
    public void Ed25519AndRsaCsrsAreDeterministic(ClusterKeyAlgorithm algorithm)
    {
        var keys = ClusterKeys.Generate(algorithm);
        var a = TenantCsr.ForControlPlane(keys, "cool-firefly");
        var b = TenantCsr.ForControlPlane(ClusterKeys.FromSecretData(keys.ToSecretData(), "liqo"), "cool-firefly");
        Assert.Equal(a.Der, b.Der);
        Assert.Equal(a.PemText, b.PemText);
        Assert.NotEqual(a.Der, TenantCsr.ForControlPlane(keys, "cool-firefly2").Der);
    }

    public static TheoryData<ClusterKeyAlgorithm, string?, string, bool> Algorithms => new()
    {
        { ClusterKeyAlgorithm.Ed25519, null, "1.3.101.112", false },
        { ClusterKeyAlgorithm.Rsa, null, "1.2.840.113549.1.1.11", true },
        { ClusterKeyAlgorithm.Ecdsa, "P-256", "1.2.840.10045.4.3.2", false },
        { ClusterKeyAlgorithm.Ecdsa, "P-384", "1.2.840.10045.4.3.3", false },
        { ClusterKeyAlgorithm.Ecdsa, "P-521", "1.2.840.10045.4.3.4", false },
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void StructureIsGosFieldByField(ClusterKeyAlgorithm algorithm, string? curve, string signatureOid, bool nullParameters)
    {
        var keys = ClusterKeys.Generate(algorithm, curve);
        var csr = TenantCsr.ForControlPlane(keys, "cool-firefly");

        var outer = new AsnReader(csr.Der, AsnEncodingRules.DER);
        var request = outer.ReadSequence();
        Assert.False(outer.HasData);

        var tbsEncoded = request.PeekEncodedValue().ToArray();
        var tbs = request.ReadSequence();
        Assert.Equal(0, (int)tbs.ReadInteger());

        var subjectBytes = tbs.PeekEncodedValue().ToArray();
        var subject = tbs.ReadSequence();
        AssertRdn(subject.ReadSetOf(), "2.5.4.10", UniversalTagNumber.PrintableString, "liqo.io");
        AssertRdn(subject.ReadSetOf(), "2.5.4.3", UniversalTagNumber.PrintableString, "cool-firefly");
        Assert.False(subject.HasData);
        Assert.Equal("3029", Convert.ToHexString(subjectBytes[..2]));

        var spki = tbs.ReadEncodedValue().ToArray();
        Assert.Equal(keys.PublicKey.PkixDer, spki);

        var attributesTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        Assert.Equal(attributesTag, tbs.PeekTag());
        Assert.Equal(new byte[] { 0xa0, 0x00 }, tbs.ReadEncodedValue().ToArray());
        Assert.False(tbs.HasData);

        var algorithmId = request.ReadSequence();
        Assert.Equal(signatureOid, algorithmId.ReadObjectIdentifier());
        if (nullParameters) algorithmId.ReadNull();
        Assert.False(algorithmId.HasData);

        var signature = request.ReadBitString(out var unusedBits);
        Assert.Equal(0, unusedBits);
        Assert.False(request.HasData);

        switch (algorithm)
        {
            case ClusterKeyAlgorithm.Ed25519:
                Assert.Equal(64, signature.Length);
                Assert.True(keys.PublicKey.Verify(tbsEncoded, signature)); // pure Ed25519 over the TBS
                break;
            case ClusterKeyAlgorithm.Rsa:
                Assert.Equal(256, signature.Length);
                Assert.True(keys.PublicKey.Verify(tbsEncoded, signature)); // PKCS#1 v1.5 over SHA-256(TBS)
                break;
            default:
                Assert.Equal(0x30, signature[0]); // DER { r, s }; the hash depends on the curve (checked with openssl below)
                break;
        }
    }

    private static void AssertRdn(AsnReader set, string oid, UniversalTagNumber stringType, string value)
    {
        var attribute = set.ReadSequence();
        Assert.False(set.HasData); // one attribute per RDN
        Assert.Equal(oid, attribute.ReadObjectIdentifier());
        Assert.Equal(new Asn1Tag(stringType), attribute.PeekTag());
        Assert.Equal(value, attribute.ReadCharacterString(stringType));
        Assert.False(attribute.HasData);
    }

    [OpenSslTheory]
    [MemberData(nameof(OpenSslKeys.Names), MemberType = typeof(OpenSslKeys))]
    public void OpenSslAcceptsTheCsrAndReadsTheSubjectInGoOrder(string name)
    {
        var keys = _keys.Load(name);
        var csr = TenantCsr.ForControlPlane(keys, "cool-firefly");
        using var dir = new TempDir();
        dir.Write("csr.pem", csr.Pem);
        var r = OpenSsl.Check(dir.Path, "req", "-verify", "-noout", "-subject", "-in", "csr.pem");
        Assert.Contains("verify OK", r.All);
        Assert.Contains("subject=O = liqo.io, CN = cool-firefly", r.StdOut);

        // The CSR carries the cluster's public key exactly as the Secret's publicKey holds it.
        OpenSsl.Check(dir.Path, "req", "-in", "csr.pem", "-noout", "-pubkey", "-out", "pub.pem");
        Assert.Equal(_keys[name].PublicPem, dir.Read("pub.pem"));

        if (_keys[name].Algorithm == ClusterKeyAlgorithm.Ecdsa)
        {
            var text = OpenSsl.Check(dir.Path, "req", "-in", "csr.pem", "-noout", "-text").StdOut;
            var expected = _keys[name].Curve switch { "P-256" => "ecdsa-with-SHA256", "P-384" => "ecdsa-with-SHA384", _ => "ecdsa-with-SHA512" };
            Assert.Contains("Signature Algorithm: " + expected, text);
        }
    }

    [OpenSslFact]
    public void OpenSslRejectsACorruptedCsr()
    {
        var der = TenantCsr.ForControlPlane(ClusterKeys.Generate(), "cool-firefly").Der;
        der[^1] ^= 0x01;
        using var dir = new TempDir();
        dir.Write("csr.der", der);
        var r = OpenSsl.Run(dir.Path, "req", "-inform", "DER", "-verify", "-noout", "-in", "csr.der");
        // openssl 3.0 exits 0 even when the self-signature does not verify; the text tells.
        Assert.DoesNotContain("verify OK", r.All);
        Assert.True(r.ExitCode != 0 || r.All.Contains("verify failure"), r.All);
    }

    [Fact]
    public void StringsGoCannotWriteAsPrintableBecomeUtf8()
    {
        var keys = ClusterKeys.Generate();
        var csr = TenantCsr.Create(keys, "a*b", "x&y_z");
        var subject = SubjectOf(csr);
        AssertRdn(subject.ReadSetOf(), "2.5.4.10", UniversalTagNumber.UTF8String, "x&y_z");
        AssertRdn(subject.ReadSetOf(), "2.5.4.3", UniversalTagNumber.UTF8String, "a*b");

        subject = SubjectOf(TenantCsr.Create(keys, "café", "liqo.io"));
        AssertRdn(subject.ReadSetOf(), "2.5.4.10", UniversalTagNumber.PrintableString, "liqo.io");
        AssertRdn(subject.ReadSetOf(), "2.5.4.3", UniversalTagNumber.UTF8String, "café");

        // Every character of Go's PrintableString set keeps PrintableString.
        const string printable = "AZaz09 '()+,-./:=?";
        subject = SubjectOf(TenantCsr.Create(keys, printable, printable));
        AssertRdn(subject.ReadSetOf(), "2.5.4.10", UniversalTagNumber.PrintableString, printable);
        AssertRdn(subject.ReadSetOf(), "2.5.4.3", UniversalTagNumber.PrintableString, printable);
    }

    [Fact]
    public void EmptyCommonNameIsLeftOutAsGoLeavesItOut()
    {
        var subject = SubjectOf(TenantCsr.Create(ClusterKeys.Generate(), "", "liqo.io"));
        AssertRdn(subject.ReadSetOf(), "2.5.4.10", UniversalTagNumber.PrintableString, "liqo.io");
        Assert.False(subject.HasData);
    }

    [Fact]
    public void EmptyClusterIdsAreRefused()
    {
        var keys = ClusterKeys.Generate();
        Assert.Throws<ArgumentException>(() => TenantCsr.ForControlPlane(keys, ""));
        Assert.Throws<ArgumentException>(() => TenantCsr.ForResourceSlice(keys, "", "c1"));
        Assert.Throws<ArgumentException>(() => TenantCsr.ForResourceSlice(keys, "s", ""));
    }

    private static AsnReader SubjectOf(TenantCsr csr)
    {
        var tbs = new AsnReader(csr.Der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        tbs.ReadInteger();
        return tbs.ReadSequence();
    }

    [Theory]
    // Expected suffixes computed outside .NET: printf %s <id> | sha256sum | cut -c1-12
    [InlineData("provider-x", "consumer-1a2b3c", "provider-x-c7f2816b891e")]
    [InlineData("cool-firefly", "cool-firefly", "cool-firefly-acd8a9ca302f")]
    public void ResourceSliceCsrUsesTheHashedCommonNameAndTheConsumerIdAsOrganization(string slice, string consumer, string expectedCn)
    {
        Assert.Equal(expectedCn, TenantCsr.ResourceSliceCommonName(slice, consumer));
        var csr = TenantCsr.ForResourceSlice(ClusterKeys.Generate(), slice, consumer);
        Assert.Equal(expectedCn, csr.CommonName);
        Assert.Equal(consumer, csr.Organization);
        var subject = SubjectOf(csr);
        AssertRdn(subject.ReadSetOf(), "2.5.4.10", UniversalTagNumber.PrintableString, consumer);
        AssertRdn(subject.ReadSetOf(), "2.5.4.3", UniversalTagNumber.PrintableString, expectedCn);
    }

    [Fact]
    public void PeerUserCsrHasARandomSuffixedCommonName()
    {
        var keys = ClusterKeys.Generate(ClusterKeyAlgorithm.Rsa);
        var a = TenantCsr.ForPeerUser(keys, "cool-firefly");
        var b = TenantCsr.ForPeerUser(keys, "cool-firefly");
        Assert.Matches(new Regex("^liqo-peer-user-cool-firefly-[0-9a-f]{32}$"), a.CommonName);
        Assert.NotEqual(a.CommonName, b.CommonName);
        Assert.Equal("liqo.io", a.Organization);
        Assert.Equal("liqo-peer-user-c-00ff", TenantCsr.PeerUserCommonName("c", new byte[] { 0x00, 0xff }));
    }

    [Fact]
    public void PemDecodesBackToTheDer()
    {
        var csr = TenantCsr.ForControlPlane(ClusterKeys.Generate(ClusterKeyAlgorithm.Rsa), "cool-firefly");
        var block = GoPem.Decode(csr.Pem);
        Assert.NotNull(block);
        Assert.Equal("CERTIFICATE REQUEST", block.Type);
        Assert.Equal(csr.Der, block.Bytes);
        Assert.EndsWith("-----END CERTIFICATE REQUEST-----\n", csr.PemText);
        Assert.All(csr.PemText.TrimEnd('\n').Split('\n'), line => Assert.InRange(line.Length, 1, 64));
    }
}
