using Liqo.Engine;
using Liqo.Engine.Lifecycle;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>What the tenant and ResourceSlice lifecycle cmdlets (Suspend-/Resume-LiqoTenant, Suspend-/Resume-LiqoResourceSlice) share.</summary>
internal static class Lifecycle
{
    /// <summary>Runs one liqoctl tenant transition on the provider the cmdlet's kubeconfig reaches.</summary>
    public static TenantConditionResult SetTenant(ClusterCmdlet cmdlet, Engine.ClusterAccess.KubeconfigSource provider, TimeSpan timeout, string? clusterId,
        string? name, TenantCondition.Transition transition)
    {
        var change = cmdlet.RunOnCluster(provider, timeout, (op, cluster) => TenantCondition.SetAsync(op, cluster, clusterId, name, transition),
            before: ClusterId.ReadAsync);
        return new TenantConditionResult
        {
            ConsumerClusterId = change.ConsumerClusterId, Name = change.Name, Namespace = change.Namespace, PreviousCondition = change.Previous,
            Condition = change.Current, Changed = change.Changed,
        };
    }

    /// <summary>Cordons or uncordons one ResourceSlice on the provider.</summary>
    public static ResourceSliceCordonResult SetSlice(ClusterCmdlet cmdlet, Engine.ClusterAccess.KubeconfigSource provider, TimeSpan timeout, string name,
        string consumerClusterId, bool cordon)
    {
        var change = cmdlet.RunOnCluster(provider, timeout, (op, cluster) => ResourceSliceCordon.SetAsync(op, cluster, name, consumerClusterId, cordon),
            before: ClusterId.ReadAsync);
        return new ResourceSliceCordonResult
        {
            Name = change.Name, Namespace = change.Namespace, ConsumerClusterId = change.ConsumerClusterId, Cordoned = change.Cordoned, Changed = change.Changed,
        };
    }

    /// <summary>liqoctl's --timeout of cordon, uncordon, drain and activate: 120 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);
}
