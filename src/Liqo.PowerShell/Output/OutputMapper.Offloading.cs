using System.Text.Json.Nodes;
using Liqo.Engine.Resources;

namespace Liqo.PowerShell;

/// <summary>The NamespaceOffloading as the module's output object.</summary>
internal static partial class OutputMapper
{
    public static NamespaceOffloadingInfo NamespaceOffloading(JsonObject o, bool whatIf = false) => new()
    {
        Namespace = o.Namespace() ?? "",
        PodOffloadingStrategy = Engine.Offloading.NamespaceOffloading.PodOffloadingStrategy(o),
        NamespaceMappingStrategy = Engine.Offloading.NamespaceOffloading.NamespaceMappingStrategy(o),
        OffloadingPhase = Engine.Offloading.NamespaceOffloading.Phase(o),
        RemoteNamespaceName = Engine.Offloading.NamespaceOffloading.RemoteNamespaceName(o),
        ClusterSelector = Terms(o),
        Clusters = Engine.Offloading.NamespaceOffloading.Conditions(o).Select(c => new RemoteNamespaceStatus
        {
            ClusterId = c.Cluster,
            OffloadingRequired = c.OffloadingRequired,
            Ready = c.Ready,
            Reason = c.Reason,
            Message = c.Message,
        }).ToArray(),
        CreationTimestamp = o.CreationTimestamp()?.UtcDateTime,
        WhatIf = whatIf,
    };

    private static string[] Terms(JsonObject o) =>
        (o["spec"]?["clusterSelector"]?["nodeSelectorTerms"] as JsonArray)?.OfType<JsonObject>().Select(term =>
            string.Join(", ", (term["matchExpressions"] as JsonArray)?.OfType<JsonObject>().Select(Requirement) ?? [])).ToArray() ?? [];

    private static string Requirement(JsonObject r)
    {
        var key = r.StringAt("key") ?? "";
        var values = (r["values"] as JsonArray)?.Select(v => v?.ToString() ?? "").ToArray() ?? [];
        return r.StringAt("operator") switch
        {
            "Exists" => key,
            "DoesNotExist" => "!" + key,
            var op => $"{key} {op} ({string.Join(",", values)})",
        };
    }
}
