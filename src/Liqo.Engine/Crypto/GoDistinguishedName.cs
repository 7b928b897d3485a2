using System.Formats.Asn1;
using System.Text;

namespace Liqo.Engine.Crypto;

/// <summary>
/// The subject Liqo puts in its CSRs: <c>asn1.Marshal(pkix.Name{CommonName: cn, Organization: []string{o}}.ToRDNSequence())</c>,
/// re-implemented from Go's rules:
/// <list type="bullet">
/// <item>ToRDNSequence emits the organization RDN before the common-name RDN (country, province, locality, street,
/// postal code, organization, organizational unit, then common name); an empty common name is left out, an
/// organization list with one (even empty) value is not.</item>
/// <item>Each RDN is a SET holding one SEQUENCE { type OID, value }.</item>
/// <item>encoding/asn1 marshals a Go string with no explicit string type as PrintableString when every character is in
/// the PrintableString set (A–Z a–z 0–9 space ' ( ) + , - . / : = ?; '*' and '&amp;' are rejected when writing), else as
/// UTF8String.</item>
/// </list>
/// </summary>
internal static class GoDistinguishedName
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Marshal(string commonName, string organization)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            WriteRdn(w, Oids.Organization, organization);
            if (commonName.Length > 0) WriteRdn(w, Oids.CommonName, commonName);
        }
        return w.Encode();
    }

    /// <summary>Go's choice for an untagged string: PrintableString if every rune is in the set, otherwise UTF8String.</summary>
    public static bool IsGoPrintable(string value)
    {
        foreach (var c in value)
            if (!IsPrintableChar(c)) return false;
        return true;
    }

    private static bool IsPrintableChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or >= '\'' and <= ')' // ' ( )
            or >= '+' and <= '/'  // + , - . /
            or ' ' or ':' or '=' or '?';

    private static void WriteRdn(AsnWriter w, string oid, string value)
    {
        using (w.PushSetOf())
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (IsGoPrintable(value))
                w.WriteCharacterString(UniversalTagNumber.PrintableString, value);
            else
            {
                try { StrictUtf8.GetByteCount(value); }
                catch (EncoderFallbackException e) { throw new ArgumentException("asn1: string not valid UTF-8", nameof(value), e); }
                w.WriteCharacterString(UniversalTagNumber.UTF8String, value);
            }
        }
    }
}
