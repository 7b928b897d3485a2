namespace Liqo.Engine.Info.Peer;

/// <summary>The reports of <see cref="InfoCollector.CollectPeersAsync"/>, the requested IDs that are no peer, the API requests it took.</summary>
public sealed record PeerInfoResult(IReadOnlyList<PeerReport> Peers, IReadOnlyList<string> UnknownClusterIds, int ApiRequests, TimeSpan Elapsed);
