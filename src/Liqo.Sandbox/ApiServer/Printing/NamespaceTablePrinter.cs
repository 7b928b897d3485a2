using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>Namespaces: NAME STATUS AGE (status.phase).</summary>
internal sealed class NamespaceTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] NamespaceColumns =
    [
        TableColumn.NameColumn(),
        new("Status", "string", "", "The status of the namespace"),
        TableColumn.AgeColumn(),
    ];

    protected override IReadOnlyList<TableColumn> Columns => NamespaceColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        // SetDefaults_NamespaceStatus (applied on every decode): no phase reads as Active.
        Row(ObjectFields.Name(obj),
            ObjectFields.String(obj, "status", "phase") is { Length: > 0 } phase ? phase : "Active",
            ObjectFields.Age(obj, now));
}
