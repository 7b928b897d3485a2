using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that takes the other cluster's peering material, as its file (-Path, the default set) or its object
/// (-InputObject, from the pipeline): the consumer's LiqoTenant (Import-LiqoTenant), the provider's LiqoIdentity
/// (Import-LiqoIdentity), the other cluster's LiqoNetworkConfiguration (Import-LiqoNetworkConfiguration) or the client
/// cluster's LiqoGatewayClient (Import-LiqoPublicKey); also the server cluster's LiqoGatewayServer (New-LiqoGatewayClient).
/// It runs one engine step with it, bounded by -Timeout.
/// </summary>
public abstract class MaterialInputCmdlet : TimedMaterialCmdlet
{
    /// <summary>The file with the other cluster's peering material, as its -OutFile wrote it.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// The other cluster's peering material as an object, e.g. piped from the cmdlet that made it when one session reaches
    /// both clusters.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>Reads the material, then runs <paramref name="step"/> with it on this cluster, bounded by -Timeout.</summary>
    private protected T RunOnMaterial<T>(Func<Operation, ClusterConnection, EngineMaterial, Task<T>> step) =>
        RunOnMaterial(Path, InputObject, Timeout, step);
}
