using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// The API server's default table (rest.NewDefaultTableConvertor): Name, and Created At as an RFC 3339 UTC timestamp.
/// Used for kinds without a printer of their own: Role, ClusterRole, CustomResourceDefinition, …
/// (kubectl shows <c>NAME CREATED AT</c>).
/// </summary>
internal sealed class DefaultTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] DefaultColumns =
    [
        TableColumn.NameColumn(),
        new("Created At", "date", "", ApiDescriptions.ObjectMetaCreationTimestamp),
    ];

    protected override IReadOnlyList<TableColumn> Columns => DefaultColumns;

    public override bool NullRowsWhenEmpty => true;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        // Go formats the zero time too: 0001-01-01T00:00:00Z.
        var created = ObjectFields.Time(obj, "metadata", "creationTimestamp")?.UtcDateTime ?? DateTime.MinValue;
        return Row(ObjectFields.Name(obj), created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
