using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>ConfigMaps: NAME DATA AGE, DATA counting data and binaryData keys.</summary>
internal sealed class ConfigMapTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] ConfigMapColumns =
    [
        TableColumn.NameColumn(),
        new("Data", "string", "", ApiDescriptions.ConfigMapData),
        TableColumn.AgeColumn(),
    ];

    protected override IReadOnlyList<TableColumn> Columns => ConfigMapColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        Row(ObjectFields.Name(obj),
            (long)(ObjectFields.Count(obj, "data") + ObjectFields.Count(obj, "binaryData")),
            ObjectFields.Age(obj, now));
}
