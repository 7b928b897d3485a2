using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Makes the consumer's Tenant for a provider, on the consumer (liqoctl generate tenant). It signs the provider's nonce
/// (the signed-nonce Secret) and makes the Tenant from this cluster's keys, written as the LiqoTenant material that the
/// provider's administrator passes to Import-LiqoTenant. The nonce comes as the provider's LiqoNonce file (-Path) or object
/// (from the pipeline), or as -ProviderClusterId and -Nonce.
/// </summary>
/// <example>
/// Answer the provider's nonce file
/// <code>
/// New-LiqoTenant ./nonce.json -Kubeconfig ~/.kube/rome -OutFile ./tenant.json
/// </code>
/// tenant.json goes back to the provider's administrator, who runs Import-LiqoTenant with it.
/// </example>
/// <example>
/// Answer a nonce printed by liqoctl create nonce
/// <code>
/// New-LiqoTenant -ProviderClusterId milan -Nonce $nonce -OutFile ./tenant.json
/// </code>
/// $nonce holds the nonce the provider's liqoctl printed.
/// </example>
/// <seealso cref="NewLiqoNonceCommand"/>
/// <seealso cref="ImportLiqoTenantCommand"/>
[Cmdlet(VerbsCommon.New, "LiqoTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = MaterialExchange.PathSet)]
[OutputType(typeof(Liqo.PeeringMaterial), typeof(string))]
public sealed class NewLiqoTenantCommand : ClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    private const string NonceSet = "Nonce";

    /// <summary>The provider's LiqoNonce file, as New-LiqoNonce -OutFile wrote it.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = MaterialExchange.PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The provider's LiqoNonce object, e.g. piped from New-LiqoNonce when one session reaches both clusters.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MaterialExchange.InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>The provider's cluster ID, given with -Nonce instead of a LiqoNonce (liqoctl's --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NonceSet)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ProviderClusterId { get; set; } = "";

    /// <summary>The nonce the provider generated, as liqoctl create nonce prints it (liqoctl's --nonce).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NonceSet)]
    [ValidateNotNullOrEmpty]
    public string Nonce { get; set; } = "";

    /// <summary>The consumer's tenant namespace on the provider (liqoctl --remote-tenant-namespace); default liqo-tenant-&lt;this cluster's ID&gt;.</summary>
    [Parameter(ParameterSetName = NonceSet)]
    [ValidateNotNullOrEmpty]
    public string? ProviderTenantNamespace { get; set; }

    /// <summary>An explicit proxy URL for reaching the provider's API server, written into the Tenant (liqoctl's --proxy-url).</summary>
    [Parameter] public string? ProxyUrl { get; set; }

    /// <summary>
    /// Writes the material to this file as well (owner-only: 0600 on Unix, an owner-only ACL on Windows), for the other
    /// cluster's administrator. The material object goes down the pipeline either way.
    /// </summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>
    /// The format of the material: Module (default), the module's own document, which the importing cmdlet checks is for
    /// its cluster; or Liqoctl, the YAML liqoctl generate tenant prints, which `kubectl apply -f`, liqoctl or a liqoctl user takes
    /// (it does not say which cluster it is for). With Liqoctl the output object is that text.
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
    // liqoctl generate tenant has none; authenticate's is 2m
    public TimeSpan Timeout { get; set; } = AuthenticateOptions.DefaultTimeout;

    protected override void ProcessRecord()
    {
        var (providerId, nonce, providerNs, proxyUrl) = (ProviderClusterId, Nonce, ProviderTenantNamespace, ProxyUrl);
        if (ParameterSetName == NonceSet)
            MaterialExchange.Produce(this, LocalSource(), Timeout,
                (op, consumer) => AuthenticationExchange.CreateTenantAsync(op, consumer, providerId, nonce, providerNs, proxyUrl), OutFile, Force, Format);
        else
            MaterialExchange.Reply(this, LocalSource(), Path, InputObject, Timeout,
                (op, consumer, material) => AuthenticationExchange.CreateTenantAsync(op, consumer, material, proxyUrl), OutFile, Force, Format);
    }
}
