using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// Liqo's foreigncluster.IsDead (pkg/utils/foreigncluster, Liqo v1.1+): a peer is dead, so that the CRD replicator and
/// the virtual-node drain clean up locally without it, only when its ForeignCluster carries
/// liqo.io/foreign-cluster-permanently-unreachable: "true" and its APIServerStatus condition is not Established (a
/// missing condition counts as not Established). A peer whose API server still answers is alive whatever the
/// annotation says. No ForeignCluster at all counts as dead.
/// </summary>
internal static class ForeignClusterLiveness
{
    public static bool IsDead(JsonObject? foreignCluster, out string message)
    {
        message = "";
        if (foreignCluster is null)
        {
            message = "ForeignCluster is nil";
            return true;
        }
        if (Obj.Annotation(foreignCluster, LiqoLabels.PermanentlyUnreachableAnnotation) != "true") return false;
        message = "The foreign cluster has been marked as permanently unreachable";
        if (Obj.Condition(Obj.Array(foreignCluster, "status", "conditions"), "APIServerStatus") is { } apiServer)
        {
            if (ApiServer.ServerJson.Str(apiServer, "status") == "Established")
            {
                message = "";
                return false;
            }
            message = ApiServer.ServerJson.Str(apiServer, "message") ?? "";
        }
        return true;
    }
}
