using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>Turns unstructured JSON into CEL values, typed by the schema (integer → int, number → double).</summary>
internal static class CelConvert
{
    public static object FromJson(JsonNode? node, StructuralSchemaNode? schema)
    {
        switch (UnstructuredJson.KindOf(node))
        {
            case JsonKind.Null:
                return CelNull.Value;
            case JsonKind.Boolean:
                return UnstructuredJson.GetBool(node!);
            case JsonKind.Integer:
                return schema?.Type == "number" ? (object)UnstructuredJson.GetDouble(node!)
                    : UnstructuredJson.GetLong(node!);
            case JsonKind.Number:
            {
                var d = UnstructuredJson.GetDouble(node!);
                return schema?.Type == "integer" && UnstructuredJson.IsIntegral(d) ? (long)d : d;
            }
            case JsonKind.String:
                return UnstructuredJson.GetString(node!);
            case JsonKind.Array:
            {
                var arr = (JsonArray)node!;
                var items = new List<object>(arr.Count);
                foreach (var item in arr) items.Add(FromJson(item, schema?.Items));
                return new CelList(items);
            }
            default:
            {
                var obj = (JsonObject)node!;
                var entries = new List<KeyValuePair<object, object>>(obj.Count);
                foreach (var (k, v) in obj)
                    entries.Add(new(k, FromJson(v, schema is null ? null : SchemaWalker.Member(schema, k).Schema)));
                return new CelMap(entries);
            }
        }
    }
}
