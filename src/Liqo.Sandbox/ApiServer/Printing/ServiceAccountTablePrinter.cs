using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>ServiceAccounts: NAME SECRETS AGE.</summary>
internal sealed class ServiceAccountTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] ServiceAccountColumns =
    [
        TableColumn.NameColumn(),
        new("Secrets", "string", "", ApiDescriptions.ServiceAccountSecrets),
        TableColumn.AgeColumn(),
    ];

    protected override IReadOnlyList<TableColumn> Columns => ServiceAccountColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        Row(ObjectFields.Name(obj), (long)ObjectFields.Count(obj, "secrets"), ObjectFields.Age(obj, now));
}
