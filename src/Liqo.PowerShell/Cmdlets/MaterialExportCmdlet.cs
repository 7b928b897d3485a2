using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that exports what this cluster holds already as peering material for the other cluster, writing nothing on
/// the cluster and waiting for nothing (Export-LiqoIdentity, Export-LiqoNetworkConfiguration): it has no -Timeout, its
/// step is bounded by one minute.
/// </summary>
public abstract class MaterialExportCmdlet : MaterialCmdlet
{
    /// <summary>
    /// Writes the material to this file as well (owner-only: 0600 on Unix, an owner-only ACL on Windows), for the other
    /// cluster's administrator. The material object goes down the pipeline either way.
    /// </summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>Replaces an existing -OutFile (without it, an existing file is an error, FileExists).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Runs <paramref name="step"/> on this cluster and writes the material it makes.</summary>
    private protected void Export(Func<Operation, ClusterConnection, Task<EngineMaterial>> step) => Produce(TimeSpan.FromMinutes(1), step, OutFile, Force);
}
