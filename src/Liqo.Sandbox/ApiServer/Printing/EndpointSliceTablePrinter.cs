using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// EndpointSlices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. Ports and endpoint addresses list the first three, then
/// " + N more..."; an empty list reads "&lt;unset&gt;"; a port without number shows its name, or "*".
/// </summary>
internal sealed class EndpointSliceTablePrinter : ColumnTablePrinter
{
    private const int Max = 3;

    private static readonly TableColumn[] EndpointSliceColumns =
    [
        TableColumn.NameColumn(),
        new("AddressType", "string", "", ApiDescriptions.EndpointSliceAddressType),
        new("Ports", "string", "", ApiDescriptions.EndpointSlicePorts),
        new("Endpoints", "string", "", ApiDescriptions.EndpointSliceEndpoints),
        TableColumn.AgeColumn(),
    ];

    protected override IReadOnlyList<TableColumn> Columns => EndpointSliceColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var ports = ObjectFields.Objects(obj, "ports").Select(p =>
            ObjectFields.OptionalInteger(p, "port") is { } n ? n.ToString(CultureInfo.InvariantCulture)
            : ObjectFields.At(p, "name") is JsonValue ? ObjectFields.String(p, "name") : "*");
        var addresses = ObjectFields.Objects(obj, "endpoints").SelectMany(e => ObjectFields.Strings(e, "addresses"));
        return Row(
            ObjectFields.Name(obj),
            ObjectFields.String(obj, "addressType"),
            ListWithMore(ports.ToList()),
            ListWithMore(addresses.ToList()),
            ObjectFields.Age(obj, now));
    }

    private static string ListWithMore(List<string> items)
    {
        var text = string.Join(",", items.Take(Max));
        if (items.Count > Max) return $"{text} + {items.Count - Max} more...";
        return text.Length == 0 ? "<unset>" : text;
    }
}
