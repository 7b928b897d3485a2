using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Authentication;
using Liqo.Engine.Networking;
using Liqo.Engine.Offloading;
using Liqo.Engine.Peering;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Peers the local cluster (consumer) with the remote cluster (provider), as liqoctl peer does: networking,
/// authentication, offloading; then waits for the virtual node to be Ready.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoPeering", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PeeringResult))]
public sealed class NewLiqoPeeringCommand : GatewayOptionsCmdlet
{
    /// <summary>The bound of the whole command (liqoctl --timeout, default 10m). Accepts 10m, 600, or 00:10:00.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = PeerOptions.DefaultTimeout;

    /// <summary>Do not set up networking (the clusters reach each other otherwise).</summary>
    [Parameter] public SwitchParameter NetworkingDisabled { get; set; }

    [Parameter] public Liqo.GatewayServerLocation GatewayServerLocation { get; set; } = Liqo.GatewayServerLocation.Provider;

    /// <summary>Stop after authentication, without a ResourceSlice.</summary>
    [Parameter] public SwitchParameter NoResourceSlice { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ResourceSliceClass { get; set; } = ResourceSliceOptions.DefaultClass;

    /// <summary>Create the ResourceSlice without asking for a virtual node.</summary>
    [Parameter] public SwitchParameter NoVirtualNode { get; set; }

    [Parameter] public string? Cpu { get; set; }

    [Parameter] public string? Memory { get; set; }

    [Parameter] public string? Pods { get; set; }

    /// <summary>Other resources, e.g. @{ 'nvidia.com/gpu' = '2' }.</summary>
    [Parameter] public Hashtable? Resource { get; set; }

    /// <summary>Reach the provider's API server through liqo-proxy over the tunnel.</summary>
    [Parameter] public SwitchParameter InBand { get; set; }

    [Parameter] public string? ProxyUrl { get; set; }

    /// <summary>Return where liqoctl returns, without waiting for the virtual node to be Ready.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>Peer even when the clusters run different Liqo minor versions.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var (local, remote, options) = (LocalSource(), RemoteSource(), BuildOptions());
        var result = RunOnClusters(local, remote, options.Timeout, (op, consumer, provider) => Peer.RunAsync(op, consumer, provider, options));
        WriteObject(OutputMapper.From(result));
    }

    private PeerOptions BuildOptions()
    {
        var resources = ParameterConversions.Resources(Cpu, Memory, Pods, Resource);
        return new PeerOptions
        {
            Timeout = Timeout,
            NetworkingDisabled = NetworkingDisabled,
            GatewayServerLocation = (Engine.Networking.GatewayServerLocation)(int)GatewayServerLocation,
            Network = GatewayOptions(),
            Authentication = new AuthenticateOptions { InBand = InBand, ProxyUrl = ProxyUrl },
            CreateResourceSlice = !NoResourceSlice,
            ResourceSlice = new ResourceSliceOptions { Class = ResourceSliceClass, Resources = resources, CreateVirtualNode = !NoVirtualNode },
            NoWait = NoWait,
            Force = Force,
        };
    }
}
