namespace Liqo.Engine.Info;

/// <summary>The stable error identifiers of the info cmdlets (kept here, beside the code that raises them).</summary>
public static class InfoErrorIds
{
    /// <summary>A -Get path that does not name a field (liqoctl's "invalid query" errors).</summary>
    public const string InvalidQuery = "InvalidQuery";

    /// <summary>A cluster ID with no ForeignCluster (liqoctl: Peer clusters "..." not found in active peerings).</summary>
    public const string PeerNotFound = "PeerNotFound";

    /// <summary>The remote cluster given is the local cluster.</summary>
    public const string SameCluster = "SameCluster";
}
