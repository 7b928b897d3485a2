using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;
using Liqo.Engine.Info.Peer;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Gets the peers of a cluster with the status of their network, authentication and offloading, as liqoctl info peer
/// reports them. For each peer (all, or the -ClusterId ones) it writes one object: its role (Provider, Consumer or
/// ConsumerAndProvider), the network module (remote and remapped CIDRs, gateway), authentication (the provider's API
/// server, ResourceSlices), offloading (virtual nodes), each module's status (Healthy, Unhealthy or Disabled) with its
/// alerts, the age of the peering and the expiry of the ControlPlane identity's certificate. With -RemoteKubeconfig (or
/// -RemoteContext), the provider's view of the same peering (Tenant, gateway, replicated slices, quotas) is in the Remote
/// property.
/// </summary>
/// <remarks>
/// Every kind is listed once, whatever the number of peers. An unknown cluster ID is a non-terminating error (ErrorId
/// PeerNotFound); the known ones are still written. A warning is written when the certificate towards a provider expires
/// within 30 days. For scripts written against liqoctl, -Output writes liqoctl's JSON or YAML document and -Get one field of
/// it, with liqoctl's --get rules: cluster ID first (optional when one peer is selected), then info, network,
/// authentication or offloading, then Go field names in any case.
/// </remarks>
/// <example>
/// List the peers of a cluster
/// <code>
/// Get-LiqoPeerInfo -Kubeconfig ~/.kube/consumer
/// </code>
/// One row per peer: ClusterId, Role, the status of Networking, Authentication and Offloading, and Age. Pipe to
/// Format-List to see what liqoctl's boxes show (CIDRs, gateway, API server, ResourceSlices, virtual nodes).
/// </example>
/// <example>
/// Select the providers, or the peerings with a problem
/// <code>
/// Get-LiqoPeerInfo | Where-Object Role -eq Provider
/// Get-LiqoPeerInfo | Where-Object { 'Unhealthy' -in $_.Network.Status, $_.Authentication.Status, $_.Offloading.Status } |
///     Select-Object ClusterId, @{ n = 'Alerts'; e = { $_.Network.Alerts + $_.Authentication.Alerts + $_.Offloading.Alerts } }
/// </code>
/// Uses the default kubeconfig. The objects' properties are the ones liqoctl prints, so the filters need no parsing.
/// </example>
/// <example>
/// Read liqoctl's document or one field of it
/// <code>
/// Get-LiqoPeerInfo milan -Get network.gateway.role
/// Get-LiqoPeerInfo -Output Json | Set-Content peers.json
/// </code>
/// The first command writes the role of milan's gateway, Server when this cluster runs the client (liqoctl info peer milan
/// --get network.gateway.role); the second saves the document of liqoctl info peer -o json.
/// </example>
/// <example>
/// Check peerings from an Azure Automation runbook, with the provider's view
/// <code>
/// $peer = Get-LiqoPeerInfo milan -KubeconfigContent (Get-AutomationVariable -Name Consumer) -RemoteKubeconfigContent (Get-AutomationVariable -Name Provider)
/// $peer.Remote | Format-List
/// </code>
/// Reads the peering from both sides: the consumer's objects, and in Remote what the provider holds for this consumer.
/// </example>
/// <seealso cref="GetLiqoInfoCommand"/>
/// <seealso cref="GetLiqoForeignClusterCommand"/>
/// <seealso cref="RemoveLiqoPeeringCommand"/>
[Cmdlet(VerbsCommon.Get, "LiqoPeerInfo")]
[OutputType(typeof(PeerInfo), typeof(string))]
public sealed class GetLiqoPeerInfoCommand : TwoClusterCmdlet
{
    private readonly List<string> _clusterIds = [];

    /// <summary>
    /// The cluster IDs of the peers to show (liqoctl info peer &lt;ids&gt;); all peers when absent. Binds from piped strings
    /// and from the ClusterId of piped objects.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string[]? ClusterId { get; set; }

    /// <summary>Writes liqoctl's document as one string, Json or Yaml, instead of objects (liqoctl info peer -o json|yaml).</summary>
    [Parameter]
    [ValidateSet("Json", "Yaml")]
    public string? Output { get; set; }

    /// <summary>
    /// Writes one field of liqoctl's document (liqoctl's --get), named by a dot path: the cluster ID first, which may be left
    /// out when one peer is selected, then e.g. network.cidrs.remote. A path that names no field is ErrorId InvalidQuery.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Get { get; set; }

    /// <summary>
    /// The bound of the whole command (default one minute): when it runs out, the command fails with ErrorId OperationTimeout,
    /// even against a server that never answers. Transient failures (429, 5xx, dropped connections) are retried within it.
    /// Accepts liqoctl's durations (30s, 5m), a number of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = Operation.DefaultReadTimeout;

    protected override void ProcessRecord()
    {
        if (ClusterId is not null) _clusterIds.AddRange(ClusterId);
    }

    protected override void EndProcessing()
    {
        var source = LocalSource();
        var remoteSource = RemoteGiven ? RemoteSource() : null;
        var timeout = Timeout;
        var format = ParameterConversions.Format(Output);
        var requested = _clusterIds.Count == 0 ? null : _clusterIds.ToList();
        var result = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            using var remote = remoteSource is null ? null : ClusterConnection.Open(remoteSource);
            log.Verbose($"Reading the peers of {cluster.Server} (context '{cluster.Context}')" +
                        (remote is null ? "." : $" and the provider's view on {remote.Server} (context '{remote.Context}')."));
            return await InfoCollector.CollectPeersAsync(cluster, requested, remote, log, ct, timeout).ConfigureAwait(false);
        });

        foreach (var id in result.UnknownClusterIds) WriteLiqoError(InfoErrors.PeerNotFound(id));
        var now = DateTimeOffset.UtcNow;
        foreach (var peer in result.Peers)
        {
            if (IdentityCertificate.ExpiryWarning(peer.ClusterId, peer.CertificateNotAfter, now) is { } warning) WriteWarning(warning);
        }

        if (Get is not null)
        {
            try
            {
                WriteObject(InfoDocuments.PeersGet(result.Peers, Get, format));
            }
            catch (LiqoException e)
            {
                ThrowTerminatingError(ErrorRecordFactory.From(e));
            }
        }
        else if (Output is not null)
        {
            WriteObject(InfoDocuments.Peers(result.Peers, format));
        }
        else
        {
            foreach (var peer in result.Peers) WriteObject(OutputMapper.From(peer));
        }
    }
}
