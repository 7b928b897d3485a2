using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>A cmdlet that makes peering material for the other cluster from this cluster alone.</summary>
public abstract class MaterialOutputCmdlet : MaterialCmdlet
{
    /// <summary>Write the material to this file (owner-only).</summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>Replace an existing -OutFile.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Runs <paramref name="step"/> on this cluster, bounded by <paramref name="timeout"/>, and writes the material it makes.</summary>
    private protected void Produce(TimeSpan timeout, Func<Operation, ClusterConnection, Task<EngineMaterial>> step) =>
        Produce(timeout, step, OutFile, Force);
}
