using System.Text;
using Liqo.Engine.Crypto;

namespace Liqo.Engine.Tests.Crypto;

/// <summary>Loading Liqo's authentication-keys Secret, re-encoding the keys as Go does, generating key pairs.</summary>
public sealed class ClusterKeysTests : IClassFixture<OpenSslKeys>
{
    private readonly OpenSslKeys _keys;

    public ClusterKeysTests(OpenSslKeys keys) => _keys = keys;

    [OpenSslTheory]
    [MemberData(nameof(OpenSslKeys.Names), MemberType = typeof(OpenSslKeys))]
    public void LoadsEachAlgorithmFromSecretData(string name)
    {
        var files = _keys[name];
        var keys = _keys.Load(name);

        Assert.Equal(files.Algorithm, keys.Algorithm);
        Assert.Equal(files.Curve, keys.PublicKey.Curve);
        Assert.Equal(files.Bits, keys.PublicKey.KeySizeBits);
        // openssl writes PKIX PEM with the same layout as Go's pem.EncodeToMemory: byte-identical.
        Assert.Equal(Encoding.ASCII.GetString(files.PublicPem), keys.PublicKey.Pem);
        Assert.Equal(files.PublicPem, keys.PublicKey.PemBytes);
        OpenSsl.Check(_keys.Dir, "pkey", "-pubin", "-in", files.PublicPath, "-outform", "DER", "-out", name + ".pub.der");
        Assert.Equal(File.ReadAllBytes(Path.Combine(_keys.Dir, name + ".pub.der")), keys.PublicKey.PkixDer);
        Assert.Equal(files.Algorithm == ClusterKeyAlgorithm.Ed25519, keys.PublicKey.RawEd25519 is { Length: 32 });
    }

    [OpenSslTheory]
    [MemberData(nameof(OpenSslKeys.Names), MemberType = typeof(OpenSslKeys))]
    public void ExportsThePrivateKeyAsPkcs8LikeGoAndOpenSsl(string name)
    {
        // Go's MarshalPKCS8PrivateKey and openssl 3 write the same DER for these key types (EC: SEC1 key without
        // inner parameters, with the public point).
        var keys = _keys.Load(name);
        Assert.Equal(Encoding.ASCII.GetString(_keys[name].PrivatePem), keys.ExportPrivateKeyPem());
    }

    [Fact]
    public void MissingPrivateKeyIsReportedLikeLiqo()
    {
        var e = Assert.Throws<LiqoException>(() => ClusterKeys.FromSecretData(
            new Dictionary<string, byte[]> { ["publicKey"] = ClusterKeys.Generate().PublicKey.PemBytes }, "liqo"));
        Assert.Equal(ErrorIds.ClusterKeysInvalid, e.ErrorId);
        Assert.Equal(LiqoErrorCategory.InvalidData, e.Category);
        Assert.Equal("liqo/authentication-keys", e.TargetObject);
        Assert.Contains("private key not found in secret liqo/authentication-keys", e.Message);
    }

    [Fact]
    public void MissingPublicKeyIsReportedLikeLiqo()
    {
        var data = ClusterKeys.Generate().ToSecretData();
        data.Remove(ClusterKeys.PublicKeyField);
        var e = Assert.Throws<LiqoException>(() => ClusterKeys.FromSecretData(data, "liqo-system"));
        Assert.Equal(ErrorIds.ClusterKeysInvalid, e.ErrorId);
        Assert.Contains("public key not found in secret liqo-system/authentication-keys", e.Message);
    }

    [Fact]
    public void NullDataIsReported()
    {
        var e = Assert.Throws<LiqoException>(() => ClusterKeys.FromSecretData(null, "liqo"));
        Assert.Contains("private key not found", e.Message);
    }

    [Fact]
    public void NonPemPrivateKeyIsReportedLikeLiqo()
    {
        var data = ClusterKeys.Generate().ToSecretData();
        data[ClusterKeys.PrivateKeyField] = Encoding.ASCII.GetBytes("not a key");
        var e = Assert.Throws<LiqoException>(() => ClusterKeys.FromSecretData(data, "liqo"));
        Assert.Contains("failed to decode private key in PEM format", e.Message);
        Assert.DoesNotContain("not a key", e.Message);
    }

    [Fact]
    public void NonPemPublicKeyIsReportedLikeLiqo()
    {
        var data = ClusterKeys.Generate().ToSecretData();
        data[ClusterKeys.PublicKeyField] = Encoding.ASCII.GetBytes("garbage");
        var e = Assert.Throws<LiqoException>(() => ClusterKeys.FromSecretData(data, "liqo"));
        Assert.Contains("failed to decode public key in PEM format", e.Message);
    }

    [Fact]
    public void PublicKeyOfAnotherPairIsRejected()
    {
        var data = ClusterKeys.Generate().ToSecretData();
        data[ClusterKeys.PublicKeyField] = ClusterKeys.Generate().PublicKey.PemBytes;
        var e = Assert.Throws<LiqoException>(() => ClusterKeys.FromSecretData(data, "liqo"));
        Assert.Equal(ErrorIds.ClusterKeysInvalid, e.ErrorId);
        Assert.Contains("is not the public half of the private key", e.Message);
    }

    [OpenSslFact]
    public void Pkcs1RsaKeyIsRejectedAsGoParsePkcs8Does()
    {
        // Liqo's GetClusterKeys uses x509.ParsePKCS8PrivateKey: a PKCS#1 "RSA PRIVATE KEY" body does not parse.
        using var dir = new TempDir();
        OpenSsl.Check(dir.Path, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "k.pem");
        OpenSsl.Check(dir.Path, "pkey", "-in", "k.pem", "-traditional", "-out", "k1.pem");
        var pkcs1 = dir.Read("k1.pem");
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", Encoding.ASCII.GetString(pkcs1));
        var e = Assert.Throws<LiqoException>(() => ClusterKeys.FromPem(pkcs1));
        Assert.Equal(ErrorIds.ClusterKeysInvalid, e.ErrorId);
        Assert.Contains("failed to parse private key", e.Message);
    }

    [OpenSslFact]
    public void PemTypeIsNotCheckedAsLiqoDoesNotCheckIt()
    {
        var pem = Encoding.ASCII.GetString(_keys["ed25519"].PrivatePem).Replace("PRIVATE KEY", "SOMETHING ELSE");
        var keys = ClusterKeys.FromPem(Encoding.ASCII.GetBytes(pem));
        Assert.Equal(_keys.Load("ed25519").PublicKey, keys.PublicKey);
    }

    [OpenSslTheory]
    [InlineData("x25519", new[] { "-algorithm", "X25519" })]
    [InlineData("secp256k1", new[] { "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1" })]
    [InlineData("ed448", new[] { "-algorithm", "ED448" })]
    public void UnsupportedKeyTypesAreRejected(string name, string[] genpkeyArgs)
    {
        using var dir = new TempDir();
        OpenSsl.Check(dir.Path, ["genpkey", .. genpkeyArgs, "-out", name + ".pem"]);
        var e = Assert.Throws<LiqoException>(() => ClusterKeys.FromPem(dir.Read(name + ".pem"), source: "test"));
        Assert.Equal(ErrorIds.ClusterKeysInvalid, e.ErrorId);
    }

    [OpenSslTheory]
    [InlineData(ClusterKeyAlgorithm.Ed25519, null)]
    [InlineData(ClusterKeyAlgorithm.Rsa, null)]
    [InlineData(ClusterKeyAlgorithm.Ecdsa, "P-256")]
    [InlineData(ClusterKeyAlgorithm.Ecdsa, "P-384")]
    [InlineData(ClusterKeyAlgorithm.Ecdsa, "P-521")]
    public void GeneratedKeysAreWhatOpenSslReadsAndRoundTripThroughSecretData(ClusterKeyAlgorithm algorithm, string? curve)
    {
        var keys = ClusterKeys.Generate(algorithm, curve);
        Assert.Equal(algorithm, keys.Algorithm);
        Assert.Equal(curve, keys.PublicKey.Curve);
        if (algorithm == ClusterKeyAlgorithm.Rsa) Assert.Equal(2048, keys.PublicKey.KeySizeBits);

        var data = keys.ToSecretData();
        Assert.Equal(new[] { "privateKey", "publicKey" }, data.Keys.Order());
        var reloaded = ClusterKeys.FromSecretData(data, "liqo");
        Assert.Equal(keys.PublicKey, reloaded.PublicKey);
        Assert.Equal(keys.ExportPkcs8Der(), reloaded.ExportPkcs8Der());

        // openssl reads the PKCS#8 and derives the same PKIX public key, and re-encodes the private key identically.
        using var dir = new TempDir();
        dir.Write("k.pem", data[ClusterKeys.PrivateKeyField]);
        OpenSsl.Check(dir.Path, "pkey", "-in", "k.pem", "-pubout", "-out", "p.pem");
        Assert.Equal(keys.PublicKey.Pem, dir.ReadText("p.pem"));
        OpenSsl.Check(dir.Path, "pkey", "-in", "k.pem", "-out", "k2.pem");
        Assert.Equal(keys.ExportPrivateKeyPem(), dir.ReadText("k2.pem"));
    }

    [Fact]
    public void UnknownOrMisplacedCurveForGenerationIsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => ClusterKeys.Generate(ClusterKeyAlgorithm.Ecdsa, "P-192"));
        Assert.Throws<ArgumentException>(() => ClusterKeys.Generate(ClusterKeyAlgorithm.Ed25519, "P-256"));
    }

    [Fact]
    public void Ed25519Pkcs8HasGosExactLayout()
    {
        // Go's MarshalPKCS8PrivateKey(ed25519): 30 2e 02 01 00 30 05 06 03 2b 65 70 04 22 04 20 <32-byte seed>.
        var der = ClusterKeys.Generate().ExportPkcs8Der();
        Assert.Equal(48, der.Length);
        Assert.Equal(Convert.FromHexString("302e020100300506032b657004220420"), der[..16]);
    }
}
