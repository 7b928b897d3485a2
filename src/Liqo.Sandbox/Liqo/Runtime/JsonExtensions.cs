using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

internal static class JsonExtensions
{
    /// <summary>Applies <paramref name="action"/> to the object and returns it (builder style).</summary>
    public static JsonObject Also(this JsonObject o, Action<JsonObject> action)
    {
        action(o);
        return o;
    }
}
