using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that takes the other cluster's peering material, as its file (-Path, the default set) or its object
/// (-InputObject, from the pipeline): the provider's LiqoNonce (New-LiqoTenant), the consumer's LiqoTenant
/// (Import-LiqoTenant), the provider's LiqoIdentity (Import-LiqoIdentity), the other cluster's LiqoNetworkConfiguration
/// (Import-LiqoNetworkConfiguration), the server cluster's LiqoGatewayServer (New-LiqoGatewayClient) or the client
/// cluster's LiqoGatewayClient (Import-LiqoPublicKey). It runs one engine step with it, bounded by -Timeout.
/// </summary>
public abstract class MaterialInputCmdlet : MaterialCmdlet
{
    private protected const string PathSet = "Path";
    private protected const string InputObjectSet = "InputObject";

    /// <summary>The other cluster's material file.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The other cluster's material object.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Reads the material, then runs <paramref name="step"/> with it on this cluster, bounded by -Timeout.</summary>
    private protected T RunOnMaterial<T>(Func<Operation, ClusterConnection, EngineMaterial, Task<T>> step)
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial();
        return RunOnCluster(source, Timeout, (op, cluster) => step(op, cluster, EngineMaterial.Parse(text, from)));
    }

    /// <summary>The material's document, from the file or the piped object, with a name for messages.</summary>
    private (string Text, string Source) ReadMaterial()
    {
        if (InputObject is { } input) return (input.Json, input.Path is null ? $"the piped {input.Kind}" : $"the piped {input.Kind} ('{input.Path}')");
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            return (Engine.Exchange.OwnerOnlyFile.Read(full), $"the file '{full}'");
        }
        catch (LiqoException e)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(e));
            throw; // not reached
        }
    }
}
