using System.Text.Json;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// The table of a custom resource from its CRD version's additionalPrinterColumns (apiextensions' tableconvertor):
/// Name, then each column in order (no Age is added when columns exist; a CRD without columns gets the default Age).
/// Each cell takes the first JSONPath result; a missing value or failed evaluation gives null. Typed conversion:
/// integer → int64, number → float64, boolean → bool, date → human duration ("&lt;invalid&gt;" when unparseable),
/// string → JSONPath text (maps and arrays as compact JSON, a JSON null as "&lt;no value&gt;").
/// A column whose JSONPath does not parse ends the column list there, as on the server.
/// </summary>
internal sealed class CustomResourceTablePrinter : ColumnTablePrinter
{
    private readonly List<TableColumn> _columns = [TableColumn.NameColumn()];
    private readonly List<JsonPathExpression> _paths = [];

    public CustomResourceTablePrinter(JsonArray? additionalPrinterColumns)
    {
        var definitions = additionalPrinterColumns is { Count: > 0 }
            ? additionalPrinterColumns.OfType<JsonObject>().ToList()
            : [DefaultAgeColumn()];
        foreach (var definition in definitions)
        {
            var jsonPath = ObjectFields.String(definition, "jsonPath");
            JsonPathExpression path;
            try
            {
                path = JsonPathExpression.Parse(jsonPath);
            }
            catch (FormatException)
            {
                break;
            }
            var description = ObjectFields.String(definition, "description");
            if (description.Length == 0)
                description = "Custom resource definition column (in JSONPath format): " + jsonPath;
            _paths.Add(path);
            _columns.Add(new TableColumn(
                ObjectFields.String(definition, "name"),
                ObjectFields.String(definition, "type"),
                ObjectFields.String(definition, "format"),
                description,
                (int)ObjectFields.Integer(definition, "priority")));
        }
    }

    protected override IReadOnlyList<TableColumn> Columns => _columns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var cells = new List<object?> { ObjectFields.Name(obj) };
        for (var i = 0; i < _paths.Count; i++)
        {
            var results = _paths[i].TryEvaluate(obj);
            if (results is null || results.Count == 0)
            {
                cells.Add(null);
                continue;
            }
            var value = results[0];
            var type = _columns[i + 1].Type;
            cells.Add(type == "string" ? JsonPathExpression.PrintResult(value) : TypedCell(type, value, now));
        }
        return Row(cells.ToArray());
    }

    private static object? TypedCell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is not JsonValue json)
            return null;
        var kind = json.GetValueKind();
        switch (type)
        {
            case "integer" when kind == JsonValueKind.Number:
                return GoNumber.Unstructured(json) switch
                {
                    long l => l,
                    double d => GoFloatToInt64(d),
                    _ => null,
                };
            case "number" when kind == JsonValueKind.Number:
                return GoNumber.Unstructured(json) switch
                {
                    long l => (double)l,
                    double d => d,
                    _ => null,
                };
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                return kind == JsonValueKind.True;
            case "date" when kind == JsonValueKind.String:
                var text = json.GetValue<string>();
                if (ObjectFields.TryParseTime(text, out var time, out var invalid))
                    return TablePrinters.HumanDuration(now - time!.Value);
                return invalid ? "<invalid>" : "<unknown>";
            default:
                return null;
        }
    }

    // Go's int64(f) truncates toward zero (out-of-range conversions are implementation-defined; amd64 gives MinValue).
    private static long GoFloatToInt64(double value) =>
        double.IsNaN(value) || value >= 9.2233720368547758e18 || value < -9.2233720368547758e18 ? long.MinValue : (long)value;

    private static JsonObject DefaultAgeColumn() => new()
    {
        ["name"] = "Age",
        ["type"] = "date",
        ["description"] = ApiDescriptions.ObjectMetaCreationTimestamp,
        ["jsonPath"] = ".metadata.creationTimestamp",
    };
}
