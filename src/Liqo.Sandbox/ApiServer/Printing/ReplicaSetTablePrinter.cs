using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>ReplicaSets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR (integers, not strings).</summary>
internal sealed class ReplicaSetTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] ReplicaSetColumns =
    [
        TableColumn.NameColumn(),
        new("Desired", "integer", "", ApiDescriptions.ReplicaSetSpecReplicas),
        new("Current", "integer", "", ApiDescriptions.ReplicaSetStatusReplicas),
        new("Ready", "integer", "", ApiDescriptions.ReplicaSetStatusReadyReplicas),
        TableColumn.AgeColumn(),
        new("Containers", "string", "", "Names of each container in the template.", 1),
        new("Images", "string", "", "Images referenced by each container in the template.", 1),
        new("Selector", "string", "", ApiDescriptions.ReplicaSetSpecSelector, 1),
    ];

    protected override IReadOnlyList<TableColumn> Columns => ReplicaSetColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var containers = ObjectFields.Objects(obj, "spec", "template", "spec", "containers").ToList();
        return Row(
            ObjectFields.Name(obj),
            // SetDefaults_ReplicaSet: no replicas reads as 1.
            ObjectFields.OptionalInteger(obj, "spec", "replicas") ?? 1,
            ObjectFields.Integer(obj, "status", "replicas"),
            ObjectFields.Integer(obj, "status", "readyReplicas"),
            ObjectFields.Age(obj, now),
            string.Join(",", containers.Select(c => ObjectFields.String(c, "name"))),
            string.Join(",", containers.Select(c => ObjectFields.String(c, "image"))),
            DeploymentTablePrinter.SelectorText(ObjectFields.At(obj, "spec", "selector") as JsonObject));
    }
}
