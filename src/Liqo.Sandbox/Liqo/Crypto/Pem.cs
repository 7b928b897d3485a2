using System.Text;

namespace Liqo.Sandbox.Liqo.Crypto;

/// <summary>PEM as Go's encoding/pem writes it (64-character lines, a trailing newline) and a strict reader.</summary>
internal static class Pem
{
    public static string Encode(string type, byte[] der)
    {
        var sb = new StringBuilder();
        sb.Append("-----BEGIN ").Append(type).Append("-----\n");
        var b64 = Convert.ToBase64String(der);
        for (var i = 0; i < b64.Length; i += 64) sb.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
        sb.Append("-----END ").Append(type).Append("-----\n");
        return sb.ToString();
    }

    /// <summary>
    /// The first PEM block of <paramref name="text"/> and whether anything but whitespace follows it; null when there is no block.
    /// </summary>
    public static (string Type, byte[] Der, bool HasRest)? Decode(string text)
    {
        var begin = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        if (begin < 0) return null;
        var typeEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
        if (typeEnd < 0) return null;
        var type = text[(begin + 11)..typeEnd];
        var endMarker = "-----END " + type + "-----";
        var end = text.IndexOf(endMarker, typeEnd + 5, StringComparison.Ordinal);
        if (end < 0) return null;
        var body = text[(typeEnd + 5)..end];
        byte[] der;
        try
        {
            der = Convert.FromBase64String(new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray()));
        }
        catch (FormatException)
        {
            return null;
        }
        var rest = text[(end + endMarker.Length)..];
        return (type, der, rest.Trim().Length > 0);
    }

    public static (string Type, byte[] Der, bool HasRest)? Decode(byte[] bytes) => Decode(Encoding.ASCII.GetString(bytes));
}
