using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that answers the other cluster's peering material with this cluster's (New-LiqoTenant answers a LiqoNonce,
/// New-LiqoGatewayClient a LiqoGatewayServer).
/// </summary>
public abstract class MaterialReplyCmdlet : MaterialInputCmdlet
{
    /// <summary>Write the answer to this file (owner-only).</summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>Replace an existing -OutFile.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Reads the material, runs <paramref name="step"/> with it on this cluster, bounded by -Timeout, and writes the answer it makes.</summary>
    private protected void Reply(Func<Operation, ClusterConnection, EngineMaterial, Task<EngineMaterial>> step) =>
        Publish(RunOnMaterial((op, cluster, material) => Document(op, step(op, cluster, material))), OutFile, Force);
}
