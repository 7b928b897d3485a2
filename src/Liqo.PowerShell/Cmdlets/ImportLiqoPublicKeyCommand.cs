using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Applies the client gateway's public key on the server cluster, as liqoctl create publickey does. The key comes from the
/// LiqoGatewayClient material New-LiqoGatewayClient made, and is owned by the GatewayServer made for that client. With -Wait
/// the cmdlet waits, bounded by -Timeout, for the tunnel to be established. This is the last step of the out-of-band
/// networking.
/// </summary>
/// <example>
/// Complete the tunnel and wait for it
/// <code>
/// Import-LiqoPublicKey ./gateway-client.json -Kubeconfig ~/.kube/milan -Wait
/// </code>
/// Established in the result is True once this cluster's Connection is up.
/// </example>
/// <seealso cref="NewLiqoGatewayClientCommand"/>
/// <seealso cref="NewLiqoGatewayServerCommand"/>
[Cmdlet(VerbsData.Import, "LiqoPublicKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = MaterialExchange.PathSet)]
[OutputType(typeof(NetworkingResult))]
public sealed class ImportLiqoPublicKeyCommand : ClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>The file with the other cluster's peering material, as its -OutFile wrote it.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = MaterialExchange.PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// The other cluster's peering material as an object, e.g. piped from the cmdlet that made it when one session reaches
    /// both clusters.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MaterialExchange.InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>
    /// The namespace of the PublicKey, where the GatewayServer is (New-LiqoGatewayServer -NetworkingNamespace) (liqoctl's --namespace). It must exist; it is not created. Default: the tenant namespace
    /// of the other cluster ("default" means it too, as in liqoctl network).
    /// </summary>
    [Parameter] public string? NetworkingNamespace { get; set; }

    /// <summary>Waits for this cluster's Connection to be established.</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    /// <summary>
    /// The bound of the whole command, its waits included. Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl create publickey has none; network's is 2m
    public TimeSpan Timeout { get; set; } = NetworkConnectOptions.DefaultTimeout;

    protected override void ProcessRecord()
    {
        var wait = Wait.IsPresent;
        var networkingNamespace = NetworkingNamespace;
        WriteObject(MaterialExchange.RunOnMaterial(this, LocalSource(), Path, InputObject, Timeout, async (op, server, material) =>
        {
            var established = await NetworkExchange.ImportPublicKeyAsync(op, server, material, wait, networkingNamespace).ConfigureAwait(false);
            return OutputMapper.ImportedPublicKey(established, material, server.ClusterId ?? "", op);
        }));
    }
}
