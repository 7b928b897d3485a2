using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>
/// The API server's check of a CertificateSigningRequest's spec.request (certificates.ParseCSR, then CheckSignature):
/// one PEM block of type CERTIFICATE REQUEST holding a PKCS#10 request whose signature verifies (RSA, ECDSA, Ed25519).
/// Returns null when valid, else Go's error text.
/// </summary>
internal static class CertificateRequestPem
{
    public static string? Check(byte[] pem, out byte[]? der)
    {
        der = null;
        var text = Encoding.ASCII.GetString(pem);
        const string begin = "-----BEGIN CERTIFICATE REQUEST-----";
        const string end = "-----END CERTIFICATE REQUEST-----";
        var b = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        if (b < 0 || !text.AsSpan(b).StartsWith(begin, StringComparison.Ordinal)) return "PEM block type must be CERTIFICATE REQUEST";
        var e = text.IndexOf(end, b, StringComparison.Ordinal);
        if (e < 0) return "PEM block type must be CERTIFICATE REQUEST";
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text[(b + begin.Length)..e].Replace("\r", "").Replace("\n", "").Trim());
        }
        catch (FormatException)
        {
            return "PEM block type must be CERTIFICATE REQUEST";
        }
        Pkcs10CertificationRequest csr;
        try
        {
            csr = new Pkcs10CertificationRequest(bytes);
            _ = csr.GetCertificationRequestInfo().Subject;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or Asn1Exception or InvalidOperationException)
        {
            return "x509: malformed certificate request";
        }
        bool valid;
        try
        {
            valid = csr.Verify();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or SecurityUtilityException or InvalidOperationException)
        {
            valid = false;
        }
        if (!valid) return "x509: signature verification failed";
        der = bytes;
        return null;
    }

    /// <summary>Go's %#v of a byte slice, as field errors print a bad []byte value.</summary>
    public static string GoBytes(byte[] value) =>
        value.Length == 0 ? "[]byte{}" : "[]byte{" + string.Join(", ", value.Select(v => "0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture))) + "}";
}
