using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>The ConfigMaps the sandbox benchmark reads and writes: two labels and a data payload of a chosen size.</summary>
internal static class ConfigMaps
{
    public static Dictionary<string, string> Labels(string set) => new() { ["app.kubernetes.io/name"] = "liqo-bench", ["bench/set"] = set };

    public static Dictionary<string, string> Data(int payloadBytes) => new()
    {
        ["mode"] = "benchmark",
        ["payload"] = new string('x', payloadBytes),
    };

    public static V1ConfigMap Typed(string name, string set, int payloadBytes) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, Labels = Labels(set) },
        Data = Data(payloadBytes),
    };

    public static JsonObject Node(string name, string set, int payloadBytes)
    {
        var labels = new JsonObject();
        foreach (var (k, v) in Labels(set)) labels[k] = v;
        var data = new JsonObject();
        foreach (var (k, v) in Data(payloadBytes)) data[k] = v;
        return new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels }, ["data"] = data,
        };
    }

    /// <summary>The JSON request body for a raw POST.</summary>
    public static byte[] Body(string name, string set, int payloadBytes) => Encoding.UTF8.GetBytes(Node(name, set, payloadBytes).ToJsonString());
}
