using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// Base of the sandbox's printers: fixed column definitions, cells computed per object. The server always generates
/// the wide (priority 1) cells too; clients hide them unless asked for <c>-o wide</c>.
/// </summary>
internal abstract class ColumnTablePrinter : ITablePrinter
{
    protected abstract IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The server's default convertor sends <c>"rows": null</c> for an empty list; the typed printers send <c>[]</c>.</summary>
    public virtual bool NullRowsWhenEmpty => false;

    public JsonArray ColumnDefinitions() => new(Columns.Select(c => (JsonNode)c.ToJson()).ToArray());

    public abstract JsonArray Cells(JsonObject obj, DateTimeOffset now);

    /// <summary>The row's conditions (only pods have any: Completed when Succeeded or Failed), or null.</summary>
    public virtual JsonArray? RowConditions(JsonObject obj) => null;

    /// <summary>A cells array from Go-like values: string, long, double, bool or null.</summary>
    protected static JsonArray Row(params object?[] cells) => new(cells.Select(ToNode).ToArray());

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create((long)i),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        JsonNode n => n,
        _ => throw new ArgumentException($"unsupported cell type {value.GetType()}"),
    };
}
