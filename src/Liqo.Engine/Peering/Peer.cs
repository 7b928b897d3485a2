using System.Diagnostics;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;
using Liqo.Engine.Offloading;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Peering;

/// <summary>
/// liqoctl peer: pre-flight checks, networking (unless disabled; skipped when the opposite peering built the tunnel),
/// authentication, offloading (the ResourceSlice), then, beyond liqoctl, the VirtualNode and its Node Ready.
/// </summary>
public static class Peer
{
    public static async Task<PeeringResult> RunAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, PeerOptions o)
    {
        var total = Stopwatch.StartNew();
        op.Attach(consumer, provider);
        InputRules.Check(o); // bad input fails before anything is written
        await Preflight.RunAsync(op, consumer, provider, o.Force).ConfigureAwait(false);
        var consumerId = consumer.ClusterId!;
        var providerId = provider.ClusterId!;
        if (o.Authentication.InBand && string.IsNullOrEmpty(o.Authentication.ProxyUrl))
            await Authenticate.CheckInBandAsync(op, consumer, provider, providerId, networkingPending: !o.NetworkingDisabled).ConfigureAwait(false);
        await CheckRightsAsync(op, consumer, provider, consumerId, providerId, o).ConfigureAwait(false);

        // Another command may remove the peering while this one makes it (Remove-LiqoPeering on the same pair): what it
        // deletes ends this attempt's waits, and once it is gone the peering is ensured again, so the run ends with the
        // peering established, or with the error of the step that could not be done, within -Timeout.
        var watched = PeeringGuard.For(consumer, provider, consumerId, providerId, o);
        while (true)
        {
            var guard = op.WhatIf ? null : PeeringGuard.Start(op, watched);
            string? disturbed;
            try
            {
                var result = await RunStepsAsync(op, consumer, provider, consumerId, providerId, o, total).ConfigureAwait(false);
                if (guard is not { Tripped: true }) return result;
                disturbed = guard.Reason;
            }
            catch (OperationCanceledException) when (guard is { Tripped: true } && !op.Cancellation.IsCancellationRequested)
            {
                disturbed = guard.Reason;
            }
            catch (LiqoException e) when (!op.PlanOnly && guard is not null && !op.Cancellation.IsCancellationRequested)
            {
                // a step that failed because another command took away what it builds on (a Configuration, a tenant
                // namespace) is done again; any other failure is the step's own
                disturbed = PeeringGuard.Disturbance(e) ?? await guard.CheckNowAsync().ConfigureAwait(false);
                if (disturbed is null) throw;
            }
            finally
            {
                if (guard is not null) await guard.DisposeAsync().ConfigureAwait(false);
            }
            op.Warn(consumer, "Peering", "PeeringChanged", $"While peering, {disturbed} by another command: ensuring the peering again");
            await PeeringGuard.SettleAsync(op, watched).ConfigureAwait(false);
        }
    }

    /// <summary>One attempt at the peering's steps, from networking to the virtual node.</summary>
    private static async Task<PeeringResult> RunStepsAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, string consumerId,
        string providerId, PeerOptions o, Stopwatch total)
    {
        var networking = ModuleOutcome.Skipped;
        if (!o.NetworkingDisabled)
        {
            var watch = Stopwatch.StartNew();
            var (client, server) = o.GatewayServerLocation == GatewayServerLocation.Consumer ? (provider, consumer) : (consumer, provider);
            var net = await WrapAsync("Unable to ensure networking", () => NetworkConnect.RunAsync(op, client, server, o.Network with { Wait = true })).ConfigureAwait(false);
            networking = new ModuleOutcome(op.PlanOnly ? "Planned" : net.ReusedReverseTunnel ? "Reused" : "Established", watch.Elapsed);
        }

        var authWatch = Stopwatch.StartNew();
        var auth = await WrapAsync("Unable to ensure authentication", () => Authenticate.RunAsync(op, consumer, provider, o.Authentication)).ConfigureAwait(false);
        var authentication = new ModuleOutcome(op.PlanOnly ? "Planned" : "Established", authWatch.Elapsed);

        var offloading = ModuleOutcome.Skipped;
        string? nodeName = null;
        var nodeReady = false;
        if (o.CreateResourceSlice)
        {
            var watch = Stopwatch.StartNew();
            var slice = await WrapAsync("Unable to ensure offloading",
                () => ResourceSlice.CreateAsync(op, consumer, providerId, providerId, o.ResourceSlice, classParameter: "ResourceSliceClass")).ConfigureAwait(false);
            var resourcesAccepted = ResourceSlice.ConditionStatus(slice, ResourceSlice.ResourcesCondition) == ResourceSlice.Accepted;
            if (o.ResourceSlice.CreateVirtualNode)
            {
                nodeName = slice.Name();
                if (!o.NoWait && resourcesAccepted && !op.PlanOnly)
                    nodeReady = await VirtualNodeReadiness.WaitAsync(op, consumer, auth.ConsumerTenantNamespace, nodeName).ConfigureAwait(false) is not null;
            }
            offloading = new ModuleOutcome(op.PlanOnly ? "Planned" : !resourcesAccepted ? "ResourcesNotAccepted" : "Established", watch.Elapsed);
        }

        var consumerRole = op.PlanOnly ? null : await ForeignClusterRoleAsync(consumer, providerId, op.Cancellation).ConfigureAwait(false);
        var providerRole = op.PlanOnly ? null : await ForeignClusterRoleAsync(provider, consumerId, op.Cancellation).ConfigureAwait(false);
        return new PeeringResult(consumerId, providerId, consumerRole, providerRole, networking, authentication, offloading, nodeName, nodeReady,
            op.PlanOnly, total.Elapsed);
    }

    /// <summary>Refuses (Forbidden) before the first write when a cluster's user may not make every write the peering needs there.</summary>
    private static async Task CheckRightsAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, string consumerId, string providerId,
        PeerOptions o)
    {
        var (consumerNs, consumerExists) = await TenantNamespace.PlanAsync(consumer, providerId, op.Cancellation).ConfigureAwait(false);
        var (providerNs, providerExists) = await TenantNamespace.PlanAsync(provider, consumerId, op.Cancellation).ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, consumer, PeeringRights.PeerConsumer(o, consumerNs, consumerExists), "the peering").ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, provider, PeeringRights.PeerProvider(o, providerNs, providerExists), "the peering").ConfigureAwait(false);
    }

    /// <summary>status.role of the ForeignCluster for <paramref name="remoteId"/>; null when there is none yet (or it may not be read).</summary>
    public static async Task<string?> ForeignClusterRoleAsync(ClusterConnection cluster, string remoteId, CancellationToken ct)
    {
        try
        {
            var fc = await ForeignClusterById.FindAsync(cluster, remoteId, ct).ConfigureAwait(false);
            return fc?.StringAt("status.role");
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
        {
            return null;
        }
    }

    /// <summary>liqoctl prefixes a module's failure with "Unable to ensure ...": keep the id, prefix the message.</summary>
    private static async Task<T> WrapAsync<T>(string prefix, Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (LiqoException e) when (e is not KubeApiException)
        {
            throw new LiqoException(e.ErrorId, e.Category, e.TargetObject, $"{prefix}: {e.Message}", e.RecommendedAction, e);
        }
    }
}
