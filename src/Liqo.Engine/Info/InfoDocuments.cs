using Liqo.Engine.GoFormat;
using Liqo.Engine.Info.LocalStatus;
using Liqo.Engine.Info.Peer;

namespace Liqo.Engine.Info;

/// <summary>
/// liqoctl's machine output for scripts written against it: the documents of <c>liqoctl info -o json|yaml</c> and
/// <c>liqoctl info peer -o json|yaml</c>, and <c>--get</c> with its exact semantics and errors. Documents carry no
/// trailing newline (liqoctl adds one when it prints them).
/// </summary>
public static class InfoDocuments
{
    /// <summary>The --get shortcuts of <c>liqoctl info</c> (matched case-insensitively on the whole query).</summary>
    public static IReadOnlyDictionary<string, string> LocalShortcuts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["clusterid"] = "local.clusterid",
    };

    /// <summary>The document of <c>liqoctl info -o json|yaml</c> (sections health, local, network when collected, peerings).</summary>
    public static string Local(LocalInfoReport report, MachineFormat format) => GoQuery.Machine(LocalInfoShapes.Document(report), format);

    /// <summary><c>liqoctl info --get query</c>; a bad query throws a LiqoException with ErrorId InvalidQuery and liqoctl's message.</summary>
    public static string LocalGet(LocalInfoReport report, string query, MachineFormat format) =>
        GoQuery.SPrintField(query, LocalInfoShapes.Sections(report), LocalShortcuts, format);

    /// <summary>The document of <c>liqoctl info peer -o json|yaml</c>: cluster ID → info, network, authentication, offloading.</summary>
    public static string Peers(IReadOnlyList<PeerReport> peers, MachineFormat format) => GoQuery.Machine(PeerInfoShapes.Document(peers), format);

    /// <summary>
    /// <c>liqoctl info peer [ids] --get query</c>: the first segment names the cluster, unless exactly one cluster is selected
    /// and the first segment is not its ID (then the whole query applies to it).
    /// </summary>
    public static string PeersGet(IReadOnlyList<PeerReport> peers, string query, MachineFormat format)
    {
        var trimmed = query.StartsWith('.') ? query[1..] : query;
        var segments = trimmed.Split('.');
        var selected = segments[0];
        var rest = trimmed;
        if (peers.Count == 1 && selected != peers[0].ClusterId) selected = peers[0].ClusterId;
        else rest = string.Join(".", segments[1..]);
        var peer = peers.FirstOrDefault(p => p.ClusterId == selected)
                   ?? throw new LiqoException(ErrorIds.InvalidQuery, LiqoErrorCategory.InvalidArgument, query,
                       $"cluster {GoText.Quote(selected)} in query {GoText.Quote(query)} is not among the requested clusters",
                       "Start the query with the ID of one of the clusters asked for, or ask for a single cluster and omit its ID.");
        return GoQuery.SPrintField(rest, PeerInfoShapes.Sections(peer), null, format);
    }
}
