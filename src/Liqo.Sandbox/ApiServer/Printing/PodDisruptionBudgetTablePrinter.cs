using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// PodDisruptionBudgets (printPodDisruptionBudget): NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE; an unset
/// bound prints N/A, a set one as its int or percent.
/// </summary>
internal sealed class PodDisruptionBudgetTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] PdbColumns =
    [
        TableColumn.NameColumn(),
        new("Min Available", "string", "", "The minimum number of pods that must be available."),
        new("Max Unavailable", "string", "", "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", "integer", "", "Calculated number of pods that may be disrupted at this time."),
        TableColumn.AgeColumn(),
    ];

    protected override IReadOnlyList<TableColumn> Columns => PdbColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now) => Row(
        ObjectFields.Name(obj),
        Bound(ObjectFields.At(obj, "spec", "minAvailable")),
        Bound(ObjectFields.At(obj, "spec", "maxUnavailable")),
        ObjectFields.Integer(obj, "status", "disruptionsAllowed"),
        ObjectFields.Age(obj, now));

    private static string Bound(JsonNode? value) => value switch
    {
        null => "N/A",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };
}
