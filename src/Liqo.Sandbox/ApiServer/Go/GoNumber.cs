using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>The Go value a JSON number decodes to: a boxed <see cref="long"/> (int64) or <see cref="double"/> (float64).</summary>
internal static class GoNumber
{
    /// <summary>
    /// The number as <paramref name="decoding"/> makes it, judged on its JSON text, so a value built in code decodes as
    /// its serialised text would (<c>JsonValue.Create(2.0)</c> writes <c>2</c>, an int64 for unstructured decoding).
    /// </summary>
    public static object Decode(JsonValue number, NumberDecoding decoding)
    {
        if (number.TryGetValue<JsonElement>(out var element))
        {
            // On JSON number text TryGetInt64 accepts exactly what ParseInt accepts: no fraction, no exponent, in range.
            if (decoding == NumberDecoding.Unstructured && element.TryGetInt64(out var parsed))
                return parsed;
            return element.TryGetDouble(out var d) ? d : ParseFloat(element.GetRawText());
        }
        var text = number.ToJsonString();
        if (decoding == NumberDecoding.Unstructured && IsParseInt(text) &&
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer;
        return ParseFloat(text);
    }

    /// <summary>The number decoded the unstructured way (<see cref="NumberDecoding.Unstructured"/>).</summary>
    public static object Unstructured(JsonValue number) => Decode(number, NumberDecoding.Unstructured);

    // strconv.ParseInt(s, 10, 64) takes an optional sign and decimal digits, nothing else (JSON text has no '+').
    private static bool IsParseInt(string text)
    {
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    // strconv.ParseFloat; Go's decoder rejects a number out of float64 range, which cannot reach the printers.
    private static double ParseFloat(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
