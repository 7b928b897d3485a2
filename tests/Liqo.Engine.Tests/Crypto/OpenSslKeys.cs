using Liqo.Engine.Crypto;

namespace Liqo.Engine.Tests.Crypto;

/// <summary>
/// Key pairs generated once by openssl (independently of the engine), in the layout Liqo stores: PKCS#8 PEM
/// "PRIVATE KEY" and PKIX PEM "PUBLIC KEY". Empty where openssl is absent (the tests using it are skipped then).
/// </summary>
public sealed class OpenSslKeys : IDisposable
{
    public sealed record KeyFiles(string Name, ClusterKeyAlgorithm Algorithm, string? Curve, int Bits,
        string PrivatePath, string PublicPath, byte[] PrivatePem, byte[] PublicPem);

    /// <summary>Names usable as theory data.</summary>
    public static TheoryData<string> Names => new() { "ed25519", "rsa", "p256", "p384", "p521" };

    private readonly TempDir _dir = new();
    private readonly Dictionary<string, KeyFiles> _keys = new();

    public OpenSslKeys()
    {
        if (OpenSsl.Executable is null) return;
        Generate("ed25519", ClusterKeyAlgorithm.Ed25519, null, 256, "-algorithm", "ed25519");
        Generate("rsa", ClusterKeyAlgorithm.Rsa, null, 2048, "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        foreach (var (name, curve, bits) in new[] { ("p256", "P-256", 256), ("p384", "P-384", 384), ("p521", "P-521", 521) })
            Generate(name, ClusterKeyAlgorithm.Ecdsa, curve, bits, "-algorithm", "EC",
                "-pkeyopt", "ec_paramgen_curve:" + curve, "-pkeyopt", "ec_param_enc:named_curve");
    }

    public string Dir => _dir.Path;

    public KeyFiles this[string name] => _keys[name];

    public ClusterKeys Load(string name) =>
        ClusterKeys.FromSecretData(new Dictionary<string, byte[]>
        {
            [ClusterKeys.PrivateKeyField] = _keys[name].PrivatePem,
            [ClusterKeys.PublicKeyField] = _keys[name].PublicPem,
        }, "liqo");

    private void Generate(string name, ClusterKeyAlgorithm algorithm, string? curve, int bits, params string[] genpkeyArgs)
    {
        var priv = _dir.File(name + ".key");
        var pub = _dir.File(name + ".pub");
        OpenSsl.Check(_dir.Path, ["genpkey", .. genpkeyArgs, "-out", priv]);
        OpenSsl.Check(_dir.Path, "pkey", "-in", priv, "-pubout", "-out", pub);
        _keys[name] = new KeyFiles(name, algorithm, curve, bits, priv, pub, File.ReadAllBytes(priv), File.ReadAllBytes(pub));
    }

    public void Dispose() => _dir.Dispose();
}
