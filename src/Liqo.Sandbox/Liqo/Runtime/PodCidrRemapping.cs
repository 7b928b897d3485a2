namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// Liqo's address remapping for a peer's pod IPs (ipam mapping.MapAddress): when this cluster sees the peer's pod CIDR
/// remapped (the Configuration of that peer: spec.remote.cidr.pod original, status.remote.cidr.pod as seen here), an
/// address keeps its host part and takes the remapped network; otherwise it is unchanged. The consumer's virtual
/// kubelet maps remote pod IPs this way, the provider's ShadowEndpointSlice controller the consumer's endpoints.
/// </summary>
internal static class PodCidrRemapping
{
    public static string Translate(LiqoControlPlane plane, string peerClusterId, string ip)
    {
        var configuration = plane.List(Kind.Configuration, null, $"{LiqoLabels.RemoteClusterId}={peerClusterId}").FirstOrDefault();
        var original = SimulatedCidr.Parse(Obj.Array(configuration, "spec", "remote", "cidr", "pod")?.FirstOrDefault()?.ToString());
        var remapped = SimulatedCidr.Parse(Obj.Array(configuration, "status", "remote", "cidr", "pod")?.FirstOrDefault()?.ToString());
        if (original is not { } from || remapped is not { } to || from == to || SimulatedCidr.Parse(ip + "/32") is not { } address) return ip;
        var hostBits = from.Size - 1;
        if ((address.Network & ~hostBits) != from.Network) return ip;
        return SimulatedCidr.Address(to.Network | (address.Network & hostBits & (to.Size - 1)));
    }
}
