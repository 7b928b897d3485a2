using System.Text;
using Liqo.Engine.Crypto;

namespace Liqo.Engine.Tests.Crypto;

/// <summary>Parsing Tenant.spec.publicKey as the v1.2 tenant controller does: PEM PKIX, or a raw 32-byte Ed25519 key.</summary>
public sealed class TenantPublicKeyTests
{
    [Theory]
    [InlineData(ClusterKeyAlgorithm.Ed25519)]
    [InlineData(ClusterKeyAlgorithm.Rsa)]
    [InlineData(ClusterKeyAlgorithm.Ecdsa)]
    public void PemPkixIsParsed(ClusterKeyAlgorithm algorithm)
    {
        var keys = ClusterKeys.Generate(algorithm);
        var parsed = ClusterPublicKey.FromTenantSpec(keys.PublicKey.PemBytes);
        Assert.Equal(keys.PublicKey, parsed);
        Assert.Equal(algorithm, parsed.Algorithm);
        Assert.Equal(keys.PublicKey.PkixDer, parsed.PkixDer);
        Assert.True(parsed.VerifyNonce("n", keys.SignNonce("n")));
    }

    [Fact]
    public void RawEd25519KeyOfPre102ConsumersIsParsed()
    {
        var keys = ClusterKeys.Generate();
        var raw = keys.PublicKey.RawEd25519!;
        Assert.Equal(32, raw.Length);
        var parsed = ClusterPublicKey.FromTenantSpec(raw);
        Assert.Equal(ClusterKeyAlgorithm.Ed25519, parsed.Algorithm);
        Assert.Equal(keys.PublicKey.Pem, parsed.Pem);
        Assert.True(parsed.VerifyNonce("nonce", keys.SignNonce("nonce")));
    }

    [Fact]
    public void BareDerIsNeitherPemNorRawAndIsRejected()
    {
        var der = ClusterKeys.Generate().PublicKey.PkixDer;
        Assert.Equal(44, der.Length);
        var e = Assert.Throws<LiqoException>(() => ClusterPublicKey.FromTenantSpec(der, "Tenant liqo-tenant-c1/c1 spec.publicKey"));
        Assert.Equal(ErrorIds.PublicKeyInvalid, e.ErrorId);
        Assert.Equal(LiqoErrorCategory.InvalidData, e.Category);
        Assert.Contains("Tenant liqo-tenant-c1/c1 spec.publicKey", e.Message);
        Assert.Contains("44 bytes", e.Message);
    }

    [Fact]
    public void PemThatIsNotAPublicKeyIsRejected()
    {
        var pem = "-----BEGIN PUBLIC KEY-----\nAAECAwQF\n-----END PUBLIC KEY-----\n"u8.ToArray();
        var e = Assert.Throws<LiqoException>(() => ClusterPublicKey.FromTenantSpec(pem));
        Assert.Equal(ErrorIds.PublicKeyInvalid, e.ErrorId);
        Assert.Contains("not a valid PKIX", e.Message);
    }

    [Fact]
    public void FromPemAndFromPkixDerAgree()
    {
        var keys = ClusterKeys.Generate(ClusterKeyAlgorithm.Ecdsa, "P-384");
        var a = ClusterPublicKey.FromPem(Encoding.ASCII.GetBytes(keys.PublicKey.Pem));
        var b = ClusterPublicKey.FromPkixDer(keys.PublicKey.PkixDer);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("P-384", b.Curve);
        Assert.Null(b.RawEd25519);
        Assert.Throws<LiqoException>(() => ClusterPublicKey.FromPem("no pem here"u8.ToArray()));
        Assert.Throws<ArgumentException>(() => ClusterPublicKey.FromRawEd25519(new byte[31]));
    }
}
