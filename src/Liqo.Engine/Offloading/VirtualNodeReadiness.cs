using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Offloading;

/// <summary>
/// Beyond liqoctl peer, which returns after the ResourceSlice: wait for the VirtualNode the slice leads to and for its
/// Node to be Ready, so a finished peering really can run pods. The Node wait is also liqoctl create virtualnode's.
/// </summary>
public static class VirtualNodeReadiness
{
    private const string Module = "Offloading";

    /// <summary>Waits for VirtualNode &lt;name&gt; in the tenant namespace, then Node &lt;name&gt; Ready; returns the Node (null in plan mode).</summary>
    public static async Task<JsonObject?> WaitAsync(Operation op, ClusterConnection consumer, string tenantNamespace, string name)
    {
        await op.WaitForObjectAsync(consumer, Kinds.VirtualNode, tenantNamespace, name, _ => true,
            new WaitTarget("Waiting for the VirtualNode", $"VirtualNode {tenantNamespace}/{name}", "created by the virtual-node creator",
                "The provider's resources may not be accepted yet, or the ResourceSlice identity has no kubeconfig; see Get-LiqoPeerInfo.")).ConfigureAwait(false);
        op.Info(consumer, Module, "VirtualNode", $"VirtualNode {name} created", whatIf: $"VirtualNode {name} would be created");
        return await WaitForNodeAsync(op, consumer, tenantNamespace, name).ConfigureAwait(false);
    }

    /// <summary>Waits for Node &lt;name&gt; to be Ready (liqoctl: "Node &lt;name&gt; is Ready"); returns it (null in plan mode).</summary>
    public static async Task<JsonObject?> WaitForNodeAsync(Operation op, ClusterConnection consumer, string tenantNamespace, string name)
    {
        var node = await op.WaitForObjectAsync(consumer, Kinds.Node, null, name, IsReady,
            new WaitTarget("Waiting for the virtual node to be Ready", $"Node {name}", "condition Ready=True",
                $"Check the virtual kubelet (Deployment vk-{name} in {tenantNamespace}).")).ConfigureAwait(false);
        if (node is not null) op.Info(consumer, Module, "NodeReady", $"Node {name} is Ready");
        return node;
    }

    public static bool IsReady(JsonObject node) => node.Condition("Ready")?["status"]?.GetValue<string>() == "True";
}
