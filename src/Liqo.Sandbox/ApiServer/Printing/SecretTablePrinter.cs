using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>Secrets: NAME TYPE DATA AGE.</summary>
internal sealed class SecretTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] SecretColumns =
    [
        TableColumn.NameColumn(),
        new("Type", "string", "", ApiDescriptions.SecretType),
        new("Data", "string", "", ApiDescriptions.SecretData),
        TableColumn.AgeColumn(),
    ];

    protected override IReadOnlyList<TableColumn> Columns => SecretColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        Row(ObjectFields.Name(obj),
            // SetDefaults_Secret (applied on every decode): an untyped secret is Opaque.
            ObjectFields.String(obj, "type") is { Length: > 0 } type ? type : "Opaque",
            (long)ObjectFields.Count(obj, "data"),
            ObjectFields.Age(obj, now));
}
