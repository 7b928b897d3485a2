using System.Text;

namespace Liqo.Engine.Crypto;

/// <summary>
/// PEM as Go's encoding/pem writes and reads it, because Liqo stores PEM produced by Go and compares bytes.
/// Writing (pem.EncodeToMemory without headers): "-----BEGIN T-----\n", standard base64 (with padding) in lines of 64
/// characters each ending in "\n", "-----END T-----\n". Reading (pem.Decode): the first block whose BEGIN line starts a
/// line, whose END line names the same type and whose body is valid base64 once whitespace is removed; RFC 1421 header
/// lines ("Key: value") before the body are skipped; the type is returned, not checked (Liqo does not check it either).
/// </summary>
internal static class GoPem
{
    private const int LineLength = 64;
    private static ReadOnlySpan<byte> BeginMarker => "-----BEGIN "u8;

    public static string EncodeToString(string type, ReadOnlySpan<byte> der)
    {
        var b64 = Convert.ToBase64String(der);
        var sb = new StringBuilder(b64.Length + b64.Length / LineLength + 2 * type.Length + 40);
        sb.Append("-----BEGIN ").Append(type).Append("-----\n");
        for (var i = 0; i < b64.Length; i += LineLength)
            sb.Append(b64, i, Math.Min(LineLength, b64.Length - i)).Append('\n');
        sb.Append("-----END ").Append(type).Append("-----\n");
        return sb.ToString();
    }

    /// <summary>The first PEM block in <paramref name="data"/>, or null when there is none (like pem.Decode returning nil).</summary>
    public static PemBlock? Decode(ReadOnlySpan<byte> data)
    {
        var rest = data;
        while (true)
        {
            int start;
            if (rest.StartsWith(BeginMarker)) start = 0;
            else
            {
                var at = rest.IndexOf("\n-----BEGIN "u8);
                if (at < 0) return null;
                start = at + 1;
            }
            rest = rest[(start + BeginMarker.Length)..];
            var typeLine = GetLine(rest, out var body);
            if (!typeLine.EndsWith("-----"u8)) continue;
            var typeName = Encoding.ASCII.GetString(typeLine[..^5]);

            // Header lines ("Key: value") run up to the first line without a colon.
            var payload = body;
            while (!payload.IsEmpty)
            {
                var line = GetLine(payload, out var next);
                if (line.IndexOf((byte)':') < 0) break;
                payload = next;
            }

            ReadOnlySpan<byte> endMarker = Encoding.ASCII.GetBytes("\n-----END " + typeName + "-----");
            int endIndex;
            if (payload.StartsWith(endMarker[1..]) && EndsWithinLine(payload[(endMarker.Length - 1)..])) endIndex = 0;
            else
            {
                var at = payload.IndexOf(endMarker);
                if (at < 0 || !EndsWithinLine(payload[(at + endMarker.Length)..])) continue;
                endIndex = at;
            }
            byte[] bytes;
            try { bytes = Convert.FromBase64String(RemoveWhitespace(payload[..endIndex])); }
            catch (FormatException) { continue; }
            return new PemBlock(typeName, bytes);
        }
    }

    private static bool EndsWithinLine(ReadOnlySpan<byte> after)
    {
        // After "-----END T-----" only spaces, tabs and CR may precede the end of the line (or of the data).
        foreach (var b in after)
        {
            if (b == (byte)'\n') return true;
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        }
        return true;
    }

    /// <summary>The first line of <paramref name="data"/> without its trailing spaces, tabs and CR; <paramref name="rest"/> is what follows its newline.</summary>
    private static ReadOnlySpan<byte> GetLine(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> rest)
    {
        var nl = data.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line;
        if (nl < 0) { line = data; rest = ReadOnlySpan<byte>.Empty; }
        else { line = data[..nl]; rest = data[(nl + 1)..]; }
        return line.TrimEnd(" \t\r"u8);
    }

    private static string RemoveWhitespace(ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder(data.Length);
        foreach (var b in data)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) sb.Append((char)b);
        return sb.ToString();
    }
}
