using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Connects the networks of two clusters (liqoctl network connect): the gateway client on the local cluster, the gateway
/// server on the remote one, their Configurations and WireGuard keys.
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "LiqoNetworking", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(NetworkingResult))]
public sealed class EnableLiqoNetworkingCommand : GatewayOptionsCmdlet
{
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait for the Connections to be established (liqoctl --wait).</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    /// <summary>Stop once both gateways run, without exchanging their public keys.</summary>
    [Parameter] public SwitchParameter DisableSharingKeys { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string GatewayServerTemplateName { get; set; } = NetworkConnectOptions.DefaultServerTemplateName;

    /// <summary>Default: the remote cluster's Liqo namespace.</summary>
    [Parameter] public string? GatewayServerTemplateNamespace { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string GatewayClientTemplateName { get; set; } = NetworkConnectOptions.DefaultClientTemplateName;

    /// <summary>Default: the local cluster's Liqo namespace.</summary>
    [Parameter] public string? GatewayClientTemplateNamespace { get; set; }

    protected override void ProcessRecord()
    {
        var (local, remote) = (LocalSource(), RemoteSource());
        var options = GatewayOptions() with
        {
            Wait = Wait,
            DisableSharingKeys = DisableSharingKeys,
            ServerTemplateName = GatewayServerTemplateName,
            ServerTemplateNamespace = GatewayServerTemplateNamespace,
            ClientTemplateName = GatewayClientTemplateName,
            ClientTemplateNamespace = GatewayClientTemplateNamespace,
        };
        WriteObject(RunOnClusters(local, remote, Timeout, async (op, client, server) =>
        {
            var r = await NetworkConnect.RunAsync(op, client, server, options).ConfigureAwait(false);
            return new NetworkingResult
            {
                LocalClusterId = client.ClusterId ?? "",
                RemoteClusterId = server.ClusterId ?? "",
                ReusedReverseTunnel = r.ReusedReverseTunnel,
                Established = r.Established,
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
    }
}
