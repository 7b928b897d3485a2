using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Makes a nonce for a consumer on the provider, the first step of an out-of-band authentication (liqoctl create nonce).
/// It creates the consumer's tenant namespace and the nonce Secret, waits for Liqo to fill it, and writes the LiqoNonce
/// material that the consumer's administrator passes to New-LiqoTenant.
/// </summary>
/// <remarks>
/// Out of band, each administrator runs the module against their own cluster only. Authentication goes: New-LiqoNonce
/// (provider), New-LiqoTenant (consumer), Import-LiqoTenant (provider), Export-LiqoIdentity (provider),
/// Import-LiqoIdentity (consumer).
/// </remarks>
/// <example>
/// Make the nonce for the consumer rome, as a file to send
/// <code>
/// New-LiqoNonce rome -Kubeconfig ~/.kube/milan -OutFile ./nonce.json
/// </code>
/// nonce.json holds no secret; send it to rome's administrator by any medium.
/// </example>
/// <example>
/// The whole authentication in one session that reaches both clusters
/// <code>
/// New-LiqoNonce rome -Kubeconfig ~/.kube/milan | New-LiqoTenant -Kubeconfig ~/.kube/rome | Import-LiqoTenant -Kubeconfig ~/.kube/milan
/// Export-LiqoIdentity rome -Kubeconfig ~/.kube/milan | Import-LiqoIdentity -Kubeconfig ~/.kube/rome
/// </code>
/// Each cmdlet's material goes down the pipeline to the next one, without files.
/// </example>
/// <example>
/// The nonce for a consumer whose administrator uses liqoctl
/// <code>
/// New-LiqoNonce rome -Kubeconfig ~/.kube/milan -Format Liqoctl -OutFile ./nonce.txt
/// </code>
/// nonce.txt holds the bare nonce, as liqoctl get nonce prints it: liqoctl generate tenant --nonce $(cat nonce.txt) takes it.
/// </example>
/// <seealso cref="NewLiqoTenantCommand"/>
/// <seealso cref="ImportLiqoTenantCommand"/>
[Cmdlet(VerbsCommon.New, "LiqoNonce", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringMaterial), typeof(string))]
public sealed class NewLiqoNonceCommand : ClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>The cluster ID of the consumer that will authenticate with this cluster (liqoctl's --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    /// <summary>
    /// Writes the material to this file as well (owner-only: 0600 on Unix, an owner-only ACL on Windows), for the other
    /// cluster's administrator. The material object goes down the pipeline either way.
    /// </summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>
    /// The format of the material: Module (default), the module's own document, which Import-LiqoTenant checks is for its
    /// cluster; or Liqoctl, the bare nonce liqoctl get nonce prints, which liqoctl generate tenant --nonce (or a liqoctl
    /// user) takes. With Liqoctl the output object is that text.
    /// </summary>
    [Parameter]
    [ValidateSet(MaterialExchange.ModuleFormat, MaterialExchange.LiqoctlFormat)]
    public string Format { get; set; } = MaterialExchange.ModuleFormat;

    /// <summary>Replaces an existing -OutFile (without it, an existing file is an error, FileExists).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>
    /// The bound of the whole command, its waits included. Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl create nonce has none; authenticate's is 2m
    public TimeSpan Timeout { get; set; } = AuthenticateOptions.DefaultTimeout;

    protected override void ProcessRecord()
    {
        var consumerId = ConsumerClusterId;
        MaterialExchange.Produce(this, LocalSource(), Timeout, (op, provider) => AuthenticationExchange.CreateNonceAsync(op, provider, consumerId),
            OutFile, Force, Format);
    }
}
