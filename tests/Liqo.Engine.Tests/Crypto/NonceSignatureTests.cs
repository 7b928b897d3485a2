using System.Security.Cryptography;
using System.Text;
using Liqo.Engine.Crypto;

namespace Liqo.Engine.Tests.Crypto;

/// <summary>Nonce signatures as Liqo's SignNonce/VerifyNonce make them, checked against openssl.</summary>
public sealed class NonceSignatureTests : IClassFixture<OpenSslKeys>
{
    private readonly OpenSslKeys _keys;

    public NonceSignatureTests(OpenSslKeys keys) => _keys = keys;

    /// <summary>A nonce as the nonce-creator controller makes it: base64 of 64 random bytes (88 ASCII characters).</summary>
    private static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    [OpenSslFact]
    public void Ed25519IsPureOverTheNonceStringAndMatchesOpenSslBitForBit()
    {
        var keys = _keys.Load("ed25519");
        var nonce = NewNonce();
        Assert.Equal(88, nonce.Length);
        var sig = keys.SignNonce(nonce);
        Assert.Equal(64, sig.Length);

        using var dir = new TempDir();
        dir.Write("nonce", Encoding.ASCII.GetBytes(nonce));
        dir.Write("sig", sig);
        var r = OpenSsl.Check(dir.Path, "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", _keys["ed25519"].PublicPath,
            "-in", "nonce", "-sigfile", "sig");
        Assert.Contains("Signature Verified Successfully", r.All);

        // Ed25519 is deterministic: openssl's signature of the same bytes is the same.
        OpenSsl.Check(dir.Path, "pkeyutl", "-sign", "-rawin", "-inkey", _keys["ed25519"].PrivatePath, "-in", "nonce", "-out", "osig");
        Assert.Equal(dir.Read("osig"), sig);
        Assert.True(keys.PublicKey.VerifyNonce(nonce, dir.Read("osig")));
    }

    [OpenSslFact]
    public void RsaIsPkcs1v15OverSha256AndMatchesOpenSslBitForBit()
    {
        var keys = _keys.Load("rsa");
        var nonce = NewNonce();
        var sig = keys.SignNonce(nonce);
        Assert.Equal(256, sig.Length);

        using var dir = new TempDir();
        dir.Write("nonce", Encoding.ASCII.GetBytes(nonce));
        dir.Write("sig", sig);
        var r = OpenSsl.Check(dir.Path, "dgst", "-sha256", "-verify", _keys["rsa"].PublicPath, "-signature", "sig", "nonce");
        Assert.Contains("Verified OK", r.All);

        OpenSsl.Check(dir.Path, "dgst", "-sha256", "-sign", _keys["rsa"].PrivatePath, "-out", "osig", "nonce");
        Assert.Equal(dir.Read("osig"), sig);
        Assert.True(keys.PublicKey.VerifyNonce(nonce, dir.Read("osig")));
    }

    [OpenSslTheory]
    [InlineData("p256")]
    [InlineData("p384")]
    [InlineData("p521")]
    public void EcdsaIsAsn1OverSha256WhateverTheCurve(string name)
    {
        var keys = _keys.Load(name);
        var nonce = NewNonce();
        var sig = keys.SignNonce(nonce);
        Assert.Equal(0x30, sig[0]); // DER SEQUENCE { r, s }

        using var dir = new TempDir();
        dir.Write("nonce", Encoding.ASCII.GetBytes(nonce));
        dir.Write("sig", sig);
        var r = OpenSsl.Check(dir.Path, "dgst", "-sha256", "-verify", _keys[name].PublicPath, "-signature", "sig", "nonce");
        Assert.Contains("Verified OK", r.All);
        // ...and not over SHA-384/512 (the CSR hash for these curves), which must not verify.
        var wrongHash = OpenSsl.Run(dir.Path, "dgst", "-sha512", "-verify", _keys[name].PublicPath, "-signature", "sig", "nonce");
        Assert.NotEqual(0, wrongHash.ExitCode);

        OpenSsl.Check(dir.Path, "dgst", "-sha256", "-sign", _keys[name].PrivatePath, "-out", "osig", "nonce");
        Assert.True(keys.PublicKey.VerifyNonce(nonce, dir.Read("osig")));
    }

    [Theory]
    [InlineData(ClusterKeyAlgorithm.Ed25519)]
    [InlineData(ClusterKeyAlgorithm.Rsa)]
    [InlineData(ClusterKeyAlgorithm.Ecdsa)]
    public void SignedBytesAreTheNonceStringNotItsDecoding(ClusterKeyAlgorithm algorithm)
    {
        var keys = ClusterKeys.Generate(algorithm);
        var nonce = NewNonce();
        var sig = keys.SignNonce(nonce);
        Assert.True(keys.PublicKey.Verify(Encoding.ASCII.GetBytes(nonce), sig));
        Assert.False(keys.PublicKey.Verify(Convert.FromBase64String(nonce), sig));
        Assert.True(keys.PublicKey.Verify(Encoding.ASCII.GetBytes(nonce), keys.Sign(Encoding.ASCII.GetBytes(nonce))));
    }

    [Theory]
    [InlineData(ClusterKeyAlgorithm.Ed25519)]
    [InlineData(ClusterKeyAlgorithm.Rsa)]
    [InlineData(ClusterKeyAlgorithm.Ecdsa)]
    public void TamperedSignaturesNoncesAndKeysDoNotVerify(ClusterKeyAlgorithm algorithm)
    {
        var keys = ClusterKeys.Generate(algorithm);
        var nonce = NewNonce();
        var sig = keys.SignNonce(nonce);
        Assert.True(keys.PublicKey.VerifyNonce(nonce, sig));

        var flipped = (byte[])sig.Clone();
        flipped[^1] ^= 0x01;
        Assert.False(keys.PublicKey.VerifyNonce(nonce, flipped));
        Assert.False(keys.PublicKey.VerifyNonce(nonce[..^2] + "AA", sig));
        Assert.False(ClusterKeys.Generate(algorithm).PublicKey.VerifyNonce(nonce, sig));
        Assert.False(keys.PublicKey.VerifyNonce(nonce, []));
        Assert.False(keys.PublicKey.VerifyNonce(nonce, sig[..^1]));
        Assert.False(keys.PublicKey.VerifyNonce(nonce, RandomNumberGenerator.GetBytes(sig.Length)));
        Assert.False(keys.PublicKey.VerifyNonce(nonce, [0x30, 0x03, 0x02, 0x01]));
    }

    [Fact]
    public void Ed25519AndRsaNonceSignaturesAreDeterministic()
    {
        foreach (var algorithm in new[] { ClusterKeyAlgorithm.Ed25519, ClusterKeyAlgorithm.Rsa })
        {
            var keys = ClusterKeys.Generate(algorithm);
            var nonce = NewNonce();
            Assert.Equal(keys.SignNonce(nonce), keys.SignNonce(nonce));
        }
    }

    /// <summary>
    /// A 1024-bit key generated once with openssl, and a message whose PKCS#1 v1.5 SHA-256 signature under it starts
    /// with a zero byte (found with `openssl dgst -sha256 -sign` over "nonce-1", "nonce-2", ...).
    /// </summary>
    private const string RsaKeyWithZeroLeadingSignature =
        "-----BEGIN PRIVATE KEY-----\n" +
        "MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBANcgcg9Ba3ScawUX\n" +
        "JGrrxb8mNTMVXofVz5GxQN1PCcNPXK+pu8SLTBaMM+zXyjNAyesy2gUsHGRT1rvt\n" +
        "nkIk87xXtJI9T3OP1RenojfLY0aHk6lAhJviKR2UJG7aIekKHrRV3x8/C3OQM1Q+\n" +
        "JXj4Aq37m1y9N1gLyPF9FAOWVLtTAgMBAAECgYBjy5dd4Fk61T0INX4dY5ZuYAkZ\n" +
        "03XwyYzq5zFR+NJsmipDCxghywTXCN8lpc0VDZ8dzo85Cwd4uzPIJijeQkoWYKcv\n" +
        "3WAiDVytGPm18qXB5JD+HEjZxyPzxzRdh9F6+RVNaKC5hNHujdUexOM45n/LWzTB\n" +
        "ZSvTHr7th31wbpJMgQJBAP4HX9KnT3AjQW14jxjo/5s/4YoFjrV96srA5wg0lNvF\n" +
        "Wk5yhF6uf5wmYLnjDeJVDDBzhP5B5briaUiE2oX8OCECQQDYy8rsiNr4hDGgUDvi\n" +
        "bSuSFfN9HGV4zyVsCbYY+IEs6kxJjsYtr0s5sNwOm7pXPAHLsZA5C7U4cm2K4MXE\n" +
        "7PTzAkEA5fw7Lva3HulsZPYPaBgawq31PgaGC57yoZpAENe6JbbpabiYSzhk5DSC\n" +
        "wgjlGxKwtHUB5Ug3+xjdBQDy7vdIwQJBANGlwcabUaWhsJvm+wIrsEbFE4GZREdf\n" +
        "ikC/42iiZ8iXis5XUy46pfRUI3m8/qX9UX85Zs7Dk6vSfDwgwR9+RiECQBO5dV/J\n" +
        "Nk4KbVepHKHBH/yYggjXRAy1Gwe9Mh1IWf6APrhfumHYSqd69GGJjsDbxkQKyXOl\n" +
        "YrDZFuN6Lpm+OYA=\n" +
        "-----END PRIVATE KEY-----\n";

    [Fact]
    public void RsaSignatureWithLeadingZeroStrippedIsRejectedAsGoRejectsIt()
    {
        // Go's rsa.VerifyPKCS1v15 requires the signature to be exactly as long as the modulus.
        var keys = ClusterKeys.FromPem(Encoding.ASCII.GetBytes(RsaKeyWithZeroLeadingSignature));
        var sig = keys.SignNonce("nonce-167");
        Assert.Equal(128, sig.Length);
        Assert.Equal(0, sig[0]);
        Assert.True(keys.PublicKey.VerifyNonce("nonce-167", sig));
        Assert.False(keys.PublicKey.VerifyNonce("nonce-167", sig[1..]));
    }

    [OpenSslFact]
    public void RsaKeysShorterThan1024BitsRefuseToSignAsGoDoes()
    {
        using var dir = new TempDir();
        OpenSsl.Check(dir.Path, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512", "-out", "k.pem");
        var keys = ClusterKeys.FromPem(dir.Read("k.pem"));
        Assert.Equal(512, keys.PublicKey.KeySizeBits);
        var e = Assert.Throws<LiqoException>(() => keys.SignNonce(NewNonce()));
        Assert.Equal(ErrorIds.ClusterKeysInvalid, e.ErrorId);
        Assert.Contains("512 bits", e.Message);
        Assert.Throws<LiqoException>(() => TenantCsr.ForControlPlane(keys, "c1"));
    }
}
