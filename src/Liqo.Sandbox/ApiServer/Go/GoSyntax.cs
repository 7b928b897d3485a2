using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>
/// How one of Go's printers spells a decoded <c>interface{}</c> value: the brackets of a map and of a slice, the
/// separator between elements, how a map key is written, and every scalar (nil included). Fmt's <c>%v</c> and
/// <c>%#v</c> and the JSON encoders share everything else: entries in key order, <c>key:value</c>.
/// </summary>
internal sealed record GoSyntax(
    string MapOpen,
    string MapClose,
    string ListOpen,
    string ListClose,
    string Separator,
    Func<string, string> Key,
    Func<JsonValue?, string> Scalar)
{
    /// <summary>The value in this syntax, maps with their keys in Go's order (<see cref="GoStringOrder"/>).</summary>
    public string Print(JsonNode? value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private void Append(StringBuilder sb, JsonNode? value)
    {
        switch (value)
        {
            case JsonObject map:
                sb.Append(MapOpen);
                var first = true;
                foreach (var (key, child) in map.OrderBy(p => p.Key, GoStringOrder.Instance))
                {
                    if (!first) sb.Append(Separator);
                    first = false;
                    sb.Append(Key(key)).Append(':');
                    Append(sb, child);
                }
                sb.Append(MapClose);
                break;
            case JsonArray list:
                sb.Append(ListOpen);
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) sb.Append(Separator);
                    Append(sb, list[i]);
                }
                sb.Append(ListClose);
                break;
            default:
                sb.Append(Scalar(value as JsonValue));
                break;
        }
    }
}
