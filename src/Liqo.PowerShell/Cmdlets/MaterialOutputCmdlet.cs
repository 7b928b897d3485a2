using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that makes this cluster's peering material for the other cluster, bounded by -Timeout (New-LiqoNonce,
/// New-LiqoGatewayServer, and New-LiqoTenant, which answers a LiqoNonce).
/// </summary>
public abstract class MaterialOutputCmdlet : TimedMaterialCmdlet
{
    /// <summary>
    /// Writes the material to this file as well (owner-only: 0600 on Unix, an owner-only ACL on Windows), for the other
    /// cluster's administrator. The material object goes down the pipeline either way.
    /// </summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>Replaces an existing -OutFile (without it, an existing file is an error, FileExists).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Runs <paramref name="step"/> on this cluster, bounded by -Timeout, and writes the material it makes.</summary>
    private protected void Produce(Func<Operation, ClusterConnection, Task<EngineMaterial>> step) => Produce(Timeout, step, OutFile, Force);
}
