namespace Liqo.Sandbox.Liqo.Install;

/// <summary>The addresses of one simulated cluster: its Liqo IPAM CIDRs and its control-plane node.</summary>
/// <param name="PodCidr">status.cidr of Network pod-cidr.</param>
/// <param name="ServiceCidr">status.cidr of Network service-cidr.</param>
/// <param name="ExternalCidr">status.cidr of Network external-cidr.</param>
/// <param name="InternalCidr">status.cidr of Network internal-cidr.</param>
/// <param name="NodeName">The control-plane Node.</param>
/// <param name="NodeIp">Its InternalIP (distinct per cluster in one sandbox).</param>
public sealed record LiqoNetworkPlan(string PodCidr, string ServiceCidr, string ExternalCidr, string InternalCidr, string NodeName, string NodeIp)
{
    /// <summary>The plan of the cluster at <paramref name="site"/> in its sandbox network.</summary>
    public static LiqoNetworkPlan For(string clusterName, int site, LiqoOptions options, bool overlapping, string nodeIp) => new(
        options.PodCidr ?? (overlapping ? "10.244.0.0/16" : $"10.{200 + site % 50}.0.0/16"),
        "10.96.0.0/12",
        options.ExternalCidr ?? (overlapping ? "10.70.0.0/16" : $"10.{150 + site % 50}.0.0/16"),
        "10.80.0.0/16",
        clusterName + "-control-plane",
        nodeIp);
}
