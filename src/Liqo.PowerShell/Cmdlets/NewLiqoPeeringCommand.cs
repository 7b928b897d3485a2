using System.Collections;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.Networking;
using Liqo.Engine.Offloading;
using Liqo.Engine.Peering;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Peers the local cluster (consumer) with a remote cluster (provider), as liqoctl peer does. It runs liqoctl's three
/// modules in a row and writes the objects liqoctl writes: networking (the Configurations, a gateway server on the provider
/// and a client on the consumer, their WireGuard keys; see Enable-LiqoNetworking), authentication (nonce, Tenant and
/// ControlPlane Identity; see Enable-LiqoAuthentication) and offloading (a ResourceSlice, whose accepted resources become a
/// virtual node; see New-LiqoResourceSlice). Then, unlike liqoctl, it waits for the virtual node to be Ready (-NoWait returns
/// where liqoctl returns). Each step is written as liqoctl prints it ("INFO (local) Network correctly initialized") to the
/// information stream (shown in an interactive session, kept as data elsewhere) and to the verbose stream, with a progress
/// bar per module.
/// </summary>
/// <remarks>
/// Running it again on peered clusters changes nothing: the objects already there are reused. Peering the other way
/// (the provider's kubeconfig as -Kubeconfig) makes the peering bidirectional on the same tunnel. -Timeout bounds the whole
/// command, like liqoctl's --timeout; a step that does not finish in time fails with the step and the object it waited for.
/// The clusters must run the same Liqo minor version unless -Force is given. When nobody holds credentials for both
/// clusters, the provider's administrator can make a peering user (New-LiqoPeeringUser) whose kubeconfig serves as
/// -RemoteKubeconfig, or both administrators can peer out of band (Get-Help about_Liqo).
/// Several remote kubeconfigs (-RemoteKubeconfig a,b,c, several -RemoteKubeconfigContent, or kubeconfigs from the pipeline)
/// peer the consumer with each provider at once (a fan-out, see -ThrottleLimit); one remote kubeconfig behaves as above.
/// A peering that ends without what was asked for is an error: when the provider does not accept the ResourceSlice's
/// resources (so no virtual node comes), the result object is still written, followed by a non-terminating error with ErrorId
/// ResourcesNotAccepted, which $? and -ErrorAction Stop see. liqoctl peer only warns here; the module is stricter because a
/// script (or a runbook) would otherwise go on as if it could schedule pods on the provider.
/// </remarks>
/// <example>
/// Peer two clusters from an interactive session
/// <code>
/// New-LiqoPeering -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider
/// </code>
/// Peers the consumer with the provider and waits for the virtual node. The step lines appear as the peering goes on; the
/// result shows both cluster IDs, each module's outcome, the virtual node and whether it is Ready.
/// </example>
/// <example>
/// Peer from an Azure Automation runbook
/// <code>
/// $VerbosePreference = 'Continue'
/// $peering = New-LiqoPeering -KubeconfigContent (Get-AutomationVariable -Name Consumer) -RemoteKubeconfigContent (Get-AutomationVariable -Name Provider) -Timeout 15m
/// if (-not $peering.VirtualNodeReady) { throw "The virtual node $($peering.VirtualNode) is not Ready." }
/// </code>
/// The kubeconfigs come from encrypted Automation variables and are never written to disk. The step lines go to the job's
/// verbose stream. New-LiqoPeering has ConfirmImpact Medium, so it does not ask for confirmation in a runbook.
/// </example>
/// <example>
/// Peer with kubeconfigs kept in a SecretManagement vault
/// <code>
/// New-LiqoPeering -KubeconfigContent (Get-Secret -Name prod-kubeconfig) -RemoteKubeconfigContent (Get-Secret -Name provider-kubeconfig)
/// </code>
/// Get-Secret returns a SecureString; -KubeconfigContent and -RemoteKubeconfigContent take it as it is (a PSCredential
/// whose password holds the kubeconfig too). The text is read in memory only and never shown in any output or error.
/// </example>
/// <example>
/// Peer from an Azure Automation runbook with an encrypted variable and a credential
/// <code>
/// $consumer = Get-AutomationVariable -Name ConsumerKubeconfig
/// $provider = Get-AutomationPSCredential -Name ProviderKubeconfig
/// New-LiqoPeering -KubeconfigContent $consumer -RemoteKubeconfigContent $provider -Timeout 15m
/// </code>
/// An encrypted Automation variable holds the consumer's kubeconfig; the provider's is the password of an Automation
/// credential, which arrives as a PSCredential and is taken as it is.
/// </example>
/// <example>
/// See what a peering would write, then peer with a capped ResourceSlice
/// <code>
/// New-LiqoPeering -Context consumer -RemoteContext provider -WhatIf
/// New-LiqoPeering -Context consumer -RemoteContext provider -Cpu 8 -Memory 32Gi -Pods 200 -Resource @{ 'nvidia.com/gpu' = '2' }
/// </code>
/// Both clusters are contexts of the same kubeconfig ($env:KUBECONFIG or ~/.kube/config). -WhatIf lists every object the
/// peering would create on either cluster and writes nothing; the second command asks the provider for 8 CPUs, 32 GiB of
/// memory, 200 pods and two GPUs.
/// </example>
/// <example>
/// Peer behind NAT, with the gateway server on a NodePort
/// <code>
/// New-LiqoPeering -Kubeconfig ./rome.kubeconfig -RemoteKubeconfig ./milan.kubeconfig -GatewayServerServiceType NodePort -GatewayServerServiceNodePort 30871 -GatewayClientAddress 203.0.113.7 -GatewayClientPort 30871
/// </code>
/// The provider's gateway server is exposed on node port 30871; the consumer's gateway client dials the public address
/// 203.0.113.7 that forwards to it.
/// </example>
/// <example>
/// Peer one consumer with several providers at once (hub and spoke)
/// <code>
/// New-LiqoPeering -Kubeconfig ./hub.kubeconfig -RemoteKubeconfig ./milan.kubeconfig, ./turin.kubeconfig, ./rome.kubeconfig -ThrottleLimit 3
/// Get-ChildItem ./spokes/*.kubeconfig | ForEach-Object FullName | New-LiqoPeering -Kubeconfig ./hub.kubeconfig
/// </code>
/// Each provider is peered at the same time as the others (at most -ThrottleLimit at once, 5 by default), on its own time
/// budget (-Timeout). One result is written per provider that peered; a provider that fails is one non-terminating error,
/// whose target is the provider's label (its kubeconfig context), and the others go on. Every step line starts with that
/// label ("[milan] INFO (remote) Tenant applied..."), and each provider has its own progress bar under a parent bar.
/// Piped kubeconfigs (paths, or objects with a KubeconfigPath property) are peered together once they have all arrived.
/// </example>
/// <example>
/// Label and annotate every object the peering writes on both clusters (liqoctl's --global-labels, --global-annotations)
/// <code>
/// New-LiqoPeering -RemoteKubeconfig ./provider.kubeconfig -GlobalLabel @{ team = 'payments'; origin = '${kind}-${name}' } -GlobalAnnotation @{ 'example.com/ticket' = 'OPS-42' }
/// $PSDefaultParameterValues['*-Liqo*:GlobalLabel'] = @{ team = 'payments' }
/// </code>
/// The Tenant, GatewayServer, Configuration, PublicKey and nonce Secret on the provider, and the Configuration,
/// GatewayClient, PublicKey, Identity, signed nonce Secret and ResourceSlice on the consumer get team=payments, an origin
/// label such as Tenant-consumer, and the annotation, as liqoctl gives them; a later run adds them to objects made without.
/// The second line gives the label to every Liqo cmdlet of the session that takes -GlobalLabel.
/// </example>
/// <seealso cref="RemoveLiqoPeeringCommand"/>
/// <seealso cref="GetLiqoPeerInfoCommand"/>
/// <seealso cref="NewLiqoPeeringUserCommand"/>
[Cmdlet(VerbsCommon.New, "LiqoPeering", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PeeringResult))]
public sealed class NewLiqoPeeringCommand : TwoClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>The bound of the whole command (liqoctl --timeout, default 10m). Accepts 10m, 600, or 00:10:00.</summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl peer's --timeout, 10m
    public TimeSpan Timeout { get; set; } = PeerOptions.DefaultTimeout;

    /// <summary>Does not set up networking (liqoctl's --networking-disabled), for clusters whose pods reach each other otherwise.</summary>
    [Parameter] public SwitchParameter NetworkingDisabled { get; set; }

    /// <summary>The cluster that runs the tunnel's gateway server (liqoctl's --gw-server-service-location); the other runs the client.</summary>
    [Parameter] public Liqo.GatewayServerLocation GatewayServerLocation { get; set; } = Liqo.GatewayServerLocation.Provider;

    /// <summary>Stops after authentication, without a ResourceSlice (liqoctl's --create-resource-slice=false).</summary>
    [Parameter] public SwitchParameter NoResourceSlice { get; set; }

    /// <summary>The class of the ResourceSlice (liqoctl's --resource-slice-class).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ResourceSliceClass { get; set; } = ResourceSliceOptions.DefaultClass;

    /// <summary>
    /// Creates the ResourceSlice without asking for a virtual node (liqoctl's --create-virtual-node=false); New-LiqoVirtualNode
    /// -ResourceSliceName makes one later.
    /// </summary>
    [Parameter] public SwitchParameter NoVirtualNode { get; set; }

    /// <summary>
    /// The CPU to ask the provider for, as a Kubernetes quantity such as 4 or 1500m (liqoctl's --cpu). Without -Cpu, -Memory
    /// and -Pods the provider decides what to offer.
    /// </summary>
    [Parameter] public string? Cpu { get; set; }

    /// <summary>The memory to ask the provider for, as a Kubernetes quantity such as 16Gi (liqoctl's --memory).</summary>
    [Parameter] public string? Memory { get; set; }

    /// <summary>The number of pods to ask the provider for (liqoctl's --pods).</summary>
    [Parameter] public string? Pods { get; set; }

    /// <summary>Other resources to ask for, name to quantity, e.g. @{ 'nvidia.com/gpu' = '2' } (liqoctl's --resource).</summary>
    [Parameter] public Hashtable? Resource { get; set; }

    /// <summary>
    /// In-band authentication (liqoctl's --in-band): the consumer's control plane reaches the provider's API server through
    /// the provider's liqo-proxy over the tunnel, not directly.
    /// </summary>
    [Parameter] public SwitchParameter InBand { get; set; }

    /// <summary>An explicit proxy URL for reaching the provider's API server, written into the Tenant (liqoctl's --proxy-url).</summary>
    [Parameter] public string? ProxyUrl { get; set; }

    /// <summary>Returns where liqoctl returns, without waiting for the virtual node to be Ready.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>Peers even when the clusters run different Liqo minor versions (otherwise ErrorId LiqoVersionMismatch).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Skips the checks of the gateway templates (liqoctl's --skip-validation) and lets a node port outside 30000-32767 through (a cluster with another node-port range).</summary>
    [Parameter] public SwitchParameter SkipValidation { get; set; }

    /// <summary>The type of the Service that exposes the gateway server (liqoctl's --gw-server-service-type).</summary>
    [Parameter] public Liqo.GatewayServiceType GatewayServerServiceType { get; set; } = Liqo.GatewayServiceType.LoadBalancer;

    /// <summary>The port of the gateway server's Service (liqoctl's --gw-server-service-port).</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int GatewayServerServicePort { get; set; } = NetworkConnectOptions.DefaultPort;

    /// <summary>
    /// The node port of the gateway server's Service when its type is NodePort (liqoctl's --gw-server-service-nodeport); 0
    /// lets Kubernetes choose one.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int GatewayServerServiceNodePort { get; set; }

    /// <summary>The IP address to ask for the gateway server's LoadBalancer Service (liqoctl's --gw-server-service-loadbalancerip).</summary>
    [Parameter] public string? GatewayServerServiceLoadBalancerIP { get; set; }

    /// <summary>The address the gateway client dials instead of the server's, e.g. behind NAT (liqoctl's --gw-client-address).</summary>
    [Parameter] public string? GatewayClientAddress { get; set; }

    /// <summary>The port the gateway client dials instead of the server's (liqoctl's --gw-client-port); 0 keeps the server's.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int GatewayClientPort { get; set; }

    /// <summary>The MTU of the tunnel between the two gateways (liqoctl's --mtu).</summary>
    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = NetworkConnectOptions.DefaultMtu;

    /// <summary>
    /// The kubeconfig file of the remote cluster (liqoctl's --remote-kubeconfig); several files peer the consumer with each of
    /// those providers at once (see -ThrottleLimit). Also from the pipeline: paths, or objects with a KubeconfigPath property
    /// (Start-LiqoSandbox's clusters). Default: like -Kubeconfig ($env:KUBECONFIG, else ~/.kube/config), so -RemoteContext
    /// alone names another context of the same kubeconfig.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KubeconfigPath")]
    [ValidateNotNullOrEmpty]
    public new string[]? RemoteKubeconfig { get; set; }

    /// <summary>
    /// The remote cluster's kubeconfig as text (its YAML), e.g. from a secret store: a string, a SecureString (Get-Secret of
    /// SecretManagement) or a PSCredential whose password holds it; several peer with each of those providers at once. It is
    /// never written to a file.
    /// </summary>
    [Parameter]
    [SecretTextTransformation]
    [ValidateNotNullOrEmpty]
    public new string[]? RemoteKubeconfigContent { get; set; }

    /// <summary>
    /// With several remote clusters, how many are peered at once (as ForEach-Object -Parallel's -ThrottleLimit); the others
    /// wait for a slot. -Timeout bounds each provider's peering from its start.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = FanOut.DefaultThrottleLimit;

    private readonly List<string> _pipedRemotes = [];
    private bool _collectRemotes;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // remote kubeconfigs from the pipeline are peered together, at once, once they have all arrived
        _collectRemotes = MyInvocation.ExpectingInput && !MyInvocation.BoundParameters.ContainsKey(nameof(RemoteKubeconfig)) &&
                          !MyInvocation.BoundParameters.ContainsKey(nameof(RemoteKubeconfigContent));
    }

    protected override void ProcessRecord()
    {
        if (_collectRemotes)
        {
            _pipedRemotes.AddRange(RemoteKubeconfig ?? []);
            return;
        }
        if (RemoteKubeconfig is { Length: > 1 } || RemoteKubeconfigContent is { Length: > 1 })
        {
            PeerMany(RemoteSourcesFor(RemoteKubeconfig, RemoteKubeconfigContent, RemoteContext, RemoteLiqoNamespace, RemoteOverrides()));
            return;
        }
        var (local, remote, options) = (LocalSource(),
            RemoteSourceFor(RemoteKubeconfig?.SingleOrDefault(), RemoteKubeconfigContent?.SingleOrDefault(), RemoteContext, RemoteLiqoNamespace,
                RemoteOverrides()),
            BuildOptions());
        var result = RunOnClusters(local, remote, options.Timeout, (op, consumer, provider) => Peer.RunAsync(op, consumer, provider, options));
        WriteResult(result, options);
    }

    protected override void EndProcessing()
    {
        if (_collectRemotes && _pipedRemotes.Count > 0)
            PeerMany(RemoteSourcesFor(_pipedRemotes, null, RemoteContext, RemoteLiqoNamespace, RemoteOverrides()));
    }

    /// <summary>Peers with each provider at once: one result per provider, one non-terminating error per provider that fails.</summary>
    private void PeerMany(IReadOnlyList<Engine.ClusterAccess.KubeconfigSource> remotes)
    {
        var options = BuildOptions();
        RunFanOut(LocalSource(), remotes, ThrottleLimit, options.Timeout, (_, op, consumer, provider) => Peer.RunAsync(op, consumer, provider, options),
            done => WriteResult(done.Result!, options, done.Provider));
    }

    /// <summary>The result object, then, when the provider did not accept the slice's resources, the ResourcesNotAccepted error.</summary>
    private void WriteResult(Engine.Peering.PeeringResult result, PeerOptions options, string? provider = null)
    {
        WriteObject(OutputMapper.From(result));
        if (result.Offloading.Status != ResourcesNotAccepted) return;
        var error = new LiqoException(ErrorIds.ResourcesNotAccepted, LiqoErrorCategory.ResourceUnavailable, result.ProviderClusterId,
            $"The provider {result.ProviderClusterId} did not accept the resources of the ResourceSlice (class '{options.ResourceSlice.Class}'), " +
            "so no virtual node was made. The networking and the authentication are in place.",
            "Check the slice's Resources condition on the consumer and the provider's ResourceSlice classes, quotas and cordoned " +
            "tenants (Get-LiqoPeerInfo -RemoteKubeconfig shows both sides); fix them and run New-LiqoPeering again.");
        if (provider is null) WriteLiqoError(error);
        else WriteError(ProviderError(provider, error));
    }

    /// <summary>The offloading status of a peering whose ResourceSlice the provider did not accept.</summary>
    private const string ResourcesNotAccepted = "ResourcesNotAccepted";

    private PeerOptions BuildOptions()
    {
        var resources = ParameterConversions.Resources(Cpu, Memory, Pods, Resource);
        return new PeerOptions
        {
            Timeout = Timeout,
            NetworkingDisabled = NetworkingDisabled,
            GatewayServerLocation = (Engine.Networking.GatewayServerLocation)(int)GatewayServerLocation,
            Network = ParameterConversions.GatewayOptions(GatewayServerServiceType, GatewayServerServicePort, GatewayServerServiceNodePort,
                GatewayServerServiceLoadBalancerIP, GatewayClientAddress, GatewayClientPort, Mtu, SkipValidation),
            Authentication = new AuthenticateOptions { InBand = InBand, ProxyUrl = ProxyUrl },
            CreateResourceSlice = !NoResourceSlice,
            ResourceSlice = new ResourceSliceOptions { Class = ResourceSliceClass, Resources = resources, CreateVirtualNode = !NoVirtualNode },
            NoWait = NoWait,
            Force = Force,
        };
    }
}
