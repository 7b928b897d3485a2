using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Info;

/// <summary>The errors of the info cmdlets that are not raised inside the engine's operations, with liqoctl's wording.</summary>
public static class InfoErrors
{
    /// <summary>liqoctl info peer: Peer clusters "&lt;id&gt;" not found in active peerings (one error per ID here).</summary>
    public static LiqoException PeerNotFound(string clusterId) =>
        new(ErrorIds.PeerNotFound, LiqoErrorCategory.ObjectNotFound, clusterId,
            $"Peer clusters {GoText.Quote(clusterId)} not found in active peerings",
            "Get-LiqoForeignCluster lists the peers this cluster knows; tab completion of -ClusterId offers them.");

    /// <summary>kubectl get foreignclusters &lt;name&gt;: foreignclusters.core.liqo.io "&lt;name&gt;" not found.</summary>
    public static LiqoException ForeignClusterNotFound(string name) =>
        new(ErrorIds.PeerNotFound, LiqoErrorCategory.ObjectNotFound, name, $"foreignclusters.core.liqo.io {GoText.Quote(name)} not found",
            "Get-LiqoForeignCluster without -ClusterId lists the ForeignClusters that exist.");
}
