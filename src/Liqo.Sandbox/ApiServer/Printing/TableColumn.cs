using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>One meta.k8s.io/v1 TableColumnDefinition (every field is always serialized, as the server does).</summary>
internal sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority = 0)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };

    public static TableColumn NameColumn() => new("Name", "string", "name", ApiDescriptions.ObjectMetaName);

    /// <summary>The Age column of the built-in printers: type string, the cell being an already formatted duration.</summary>
    public static TableColumn AgeColumn() => new("Age", "string", "", ApiDescriptions.ObjectMetaCreationTimestamp);
}
