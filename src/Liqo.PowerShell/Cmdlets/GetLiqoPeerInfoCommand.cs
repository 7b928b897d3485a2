using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;
using Liqo.PowerShell.Completers;
using Liqo.PowerShell.Info;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// liqoctl info peer: for each peer (all, or the -ClusterId ones) its role and the network, authentication and offloading
/// modules as liqoctl reports them, plus the age of the peering and the expiry of the identity certificate. With
/// -RemoteKubeconfig (or -RemoteContext), the provider's view of the same peering is merged in. Every kind is listed once,
/// whatever the number of peers. An unknown cluster ID is a non-terminating error; the known ones are still returned.
/// </summary>
[Cmdlet(VerbsCommon.Get, "LiqoPeerInfo")]
[OutputType(typeof(PeerInfo), typeof(string))]
public sealed class GetLiqoPeerInfoCommand : TwoClusterCmdlet
{
    private readonly List<string> _clusterIds = [];

    /// <summary>The peers' cluster IDs (liqoctl info peer [ids]); all peers when absent.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string[]? ClusterId { get; set; }

    /// <summary>Writes liqoctl's machine-readable document instead of objects (liqoctl -o json|yaml).</summary>
    [Parameter]
    [ValidateSet("Json", "Yaml")]
    public string? Output { get; set; }

    /// <summary>A dot path into liqoctl's document (liqoctl --get): cluster ID first, which may be left out when one peer is selected.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Get { get; set; }

    protected override void ProcessRecord()
    {
        if (ClusterId is not null) _clusterIds.AddRange(ClusterId);
    }

    protected override void EndProcessing()
    {
        var source = LocalSource();
        var remoteSource = RemoteGiven ? RemoteSource() : null;
        var format = Output == "Json" ? MachineFormat.Json : MachineFormat.Yaml;
        var requested = _clusterIds.Count == 0 ? null : _clusterIds.ToList();
        var result = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            using var remote = remoteSource is null ? null : ClusterConnection.Open(remoteSource);
            log.Verbose($"Reading the peers of {cluster.Server} (context '{cluster.Context}')" +
                        (remote is null ? "." : $" and the provider's view on {remote.Server} (context '{remote.Context}')."));
            return await InfoCollector.CollectPeersAsync(cluster, requested, remote, log, ct).ConfigureAwait(false);
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
            foreach (var peer in result.Peers) WriteObject(InfoObjects.From(peer));
        }
    }
}
