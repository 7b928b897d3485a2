using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// This cluster's pod and external CIDRs for the other cluster (liqoctl generate configuration): the
/// LiqoNetworkConfiguration it imports with Import-LiqoNetworkConfiguration. Both clusters export theirs. Writes nothing
/// on the cluster.
/// </summary>
[Cmdlet(VerbsData.Export, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class ExportLiqoNetworkConfigurationCommand : MaterialCmdlet
{
    /// <summary>The cluster that will import it.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    [Parameter] public string? OutFile { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var remoteId = RemoteClusterId;
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            var op = new Operation(log, TimeSpan.FromMinutes(1), ct);
            var material = await NetworkExchange.ExportConfigurationAsync(op, cluster, remoteId).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}

/// <summary>
/// Writes the other cluster's LiqoNetworkConfiguration as the Configuration in its tenant namespace (created if
/// missing) and waits (bounded by -Timeout) for Liqo to remap its CIDRs.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(NetworkConfigurationResult))]
public sealed class ImportLiqoNetworkConfigurationCommand : MaterialCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>Do not wait for the CIDRs to be remapped.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial(Path, InputObject);
        var (timeout, wait) = (Timeout, !NoWait.IsPresent);
        WriteObject(RunEngine(async (log, ct) =>
        {
            var watch = Stopwatch.StartNew();
            using var cluster = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = EngineMaterial.Parse(text, from);
            var (conf, ns, applied) = await NetworkExchange.ImportConfigurationAsync(op, cluster, material, wait).ConfigureAwait(false);
            static string[] At(JsonObject o, string part, string kind) =>
                (o[part]?["remote"]?["cidr"]?[kind] as JsonArray)?.Select(n => n?.ToString() ?? "").ToArray() ?? Array.Empty<string>();
            return new NetworkConfigurationResult
            {
                LocalClusterId = cluster.ClusterId ?? "",
                RemoteClusterId = material.FromClusterId,
                Namespace = ns,
                PodCidrs = At(conf, "spec", "pod"),
                ExternalCidrs = At(conf, "spec", "external"),
                RemappedPodCidrs = At(conf, "status", "pod"),
                RemappedExternalCidrs = At(conf, "status", "external"),
                Applied = applied,
                WhatIf = op.PlanOnly,
                Duration = watch.Elapsed,
            };
        }));
    }
}

/// <summary>
/// On the cluster that hosts the tunnel's server (by default the provider): the GatewayServer for the other cluster, its
/// pod, endpoint and WireGuard public key (liqoctl create gatewayserver): the LiqoGatewayServer for the client cluster
/// (New-LiqoGatewayClient). Import-LiqoNetworkConfiguration must have run on this cluster first.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoGatewayServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoGatewayServerCommand : MaterialCmdlet
{
    /// <summary>The cluster whose gateway client will connect.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    [Parameter] public Liqo.GatewayServiceType ServiceType { get; set; } = Liqo.GatewayServiceType.LoadBalancer;

    [Parameter]
    [ValidateRange(1, 65535)]
    public int ServicePort { get; set; } = 51840;

    [Parameter]
    [ValidateRange(0, 65535)]
    public int ServiceNodePort { get; set; }

    [Parameter] public string? ServiceLoadBalancerIP { get; set; }

    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = 1340;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string TemplateName { get; set; } = "wireguard-server";

    /// <summary>Default: this cluster's Liqo namespace.</summary>
    [Parameter] public string? TemplateNamespace { get; set; }

    [Parameter] public SwitchParameter SkipValidation { get; set; }

    [Parameter] public string? OutFile { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (remoteId, timeout) = (RemoteClusterId, Timeout);
        var options = new NetworkConnectOptions
        {
            ServiceType = (Engine.Networking.GatewayServiceType)(int)ServiceType,
            ServicePort = ServicePort,
            ServiceNodePort = ServiceNodePort,
            ServiceLoadBalancerIp = ServiceLoadBalancerIP,
            Mtu = Mtu,
            ServerTemplateName = TemplateName,
            ServerTemplateNamespace = TemplateNamespace,
            SkipValidation = SkipValidation,
        };
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var server = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = await NetworkExchange.CreateGatewayServerAsync(op, server, remoteId, options).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}

/// <summary>
/// On the other cluster (by default the consumer): the GatewayClient dialing the server's LiqoGatewayServer endpoint
/// (-Address/-Port for NAT), its pod, the server's public key, and this gateway's own public key (liqoctl create
/// gatewayclient and create publickey): the LiqoGatewayClient for the server cluster (Import-LiqoPublicKey).
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoGatewayClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoGatewayClientCommand : MaterialCmdlet
{
    /// <summary>The server cluster's LiqoGatewayServer file.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>The address to dial instead of the server's (NAT; liqoctl --gw-client-address).</summary>
    [Parameter] public string? Address { get; set; }

    /// <summary>The port to dial instead of the server's (liqoctl --gw-client-port).</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = 1340;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string TemplateName { get; set; } = "wireguard-client";

    /// <summary>Default: this cluster's Liqo namespace.</summary>
    [Parameter] public string? TemplateNamespace { get; set; }

    [Parameter] public SwitchParameter SkipValidation { get; set; }

    [Parameter] public string? OutFile { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial(Path, InputObject);
        var timeout = Timeout;
        var options = new NetworkConnectOptions
        {
            ClientAddress = Address,
            ClientPort = Port,
            Mtu = Mtu,
            ClientTemplateName = TemplateName,
            ClientTemplateNamespace = TemplateNamespace,
            SkipValidation = SkipValidation,
        };
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var client = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = await NetworkExchange.CreateGatewayClientAsync(op, client, EngineMaterial.Parse(text, from), options).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}

/// <summary>
/// On the server cluster: the client gateway's public key from its LiqoGatewayClient, owned by the GatewayServer made
/// for it (liqoctl create publickey); with -Wait, waits (bounded by -Timeout) for the tunnel to be established.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoPublicKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(NetworkingResult))]
public sealed class ImportLiqoPublicKeyCommand : MaterialCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>Wait for this cluster's Connection to be established.</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial(Path, InputObject);
        var (timeout, wait) = (Timeout, Wait.IsPresent);
        WriteObject(RunEngine(async (log, ct) =>
        {
            var watch = Stopwatch.StartNew();
            using var server = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = EngineMaterial.Parse(text, from);
            var established = await NetworkExchange.ImportPublicKeyAsync(op, server, material, wait).ConfigureAwait(false);
            return new NetworkingResult
            {
                LocalClusterId = server.ClusterId ?? "",
                RemoteClusterId = material.FromClusterId,
                Established = established,
                WhatIf = op.PlanOnly,
                Duration = watch.Elapsed,
            };
        }));
    }
}
