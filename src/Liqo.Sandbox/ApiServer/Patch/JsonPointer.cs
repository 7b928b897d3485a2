using System.Text;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>RFC 6901 JSON pointers: parsing into reference tokens (<c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>) and back.</summary>
internal static class JsonPointer
{
    /// <summary>
    /// The reference tokens of <paramref name="pointer"/>; empty for the whole document (<c>""</c>).
    /// Returns false when the pointer does not start with <c>/</c> or holds a <c>~</c> not followed by 0 or 1.
    /// </summary>
    public static bool TryParse(string pointer, out string[] tokens)
    {
        tokens = [];
        if (pointer.Length == 0) return true;
        if (pointer[0] != '/') return false;
        var raw = pointer[1..].Split('/');
        var result = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var token = raw[i];
            if (!token.Contains('~', StringComparison.Ordinal))
            {
                result[i] = token;
                continue;
            }
            var sb = new StringBuilder(token.Length);
            for (var j = 0; j < token.Length; j++)
            {
                if (token[j] != '~')
                {
                    sb.Append(token[j]);
                    continue;
                }
                if (j + 1 >= token.Length || (token[j + 1] != '0' && token[j + 1] != '1')) return false;
                sb.Append(token[j + 1] == '0' ? '~' : '/');
                j++;
            }
            result[i] = sb.ToString();
        }
        tokens = result;
        return true;
    }

    /// <summary>Escapes one reference token (<c>~</c> to <c>~0</c>, then <c>/</c> to <c>~1</c>).</summary>
    public static string Escape(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>
    /// Parses an array index token as RFC 6901 requires: <c>0</c> or digits without a leading zero. evanphx/json-patch
    /// also takes negative and zero-padded indices; the sandbox refuses them (stricter than a real server).
    /// </summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || token.Length > 9) return false;
        if (token.Length > 1 && token[0] == '0') return false;
        foreach (var c in token)
            if (c is < '0' or > '9') return false;
        index = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
