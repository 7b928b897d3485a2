using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// Stands in for kube-controller-manager's deployment controller, the scheduler and the kubelet, for Liqo's own
/// workloads only (Deployments in the Liqo namespace and in tenant namespaces): it keeps spec.replicas pods per
/// Deployment (owned by the Deployment directly: the sandbox serves no ReplicaSets), bound to the control-plane node and
/// Running/Ready, and the Deployment status (readyReplicas, availableReplicas, conditions). The knobs make gateway pods
/// never Ready or one Liqo pod unhealthy.
/// </summary>
internal sealed class WorkloadController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "workloads";
    public override string Component => "kube-controller-manager";

    protected override void Reconcile()
    {
        var tenantNamespaces = List(Kind.Namespace, null, LiqoLabels.TenantNamespace).Select(Obj.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var deploy in List(Kind.Deployment))
        {
            var ns = Obj.Ns(deploy);
            if (ns != Options.Namespace && !tenantNamespaces.Contains(ns)) continue;
            if (Obj.Deleting(deploy)) continue;
            var replicas = (int)(Obj.Long(deploy, "spec", "replicas") ?? 1);
            var pods = List(Kind.Pod, ns).Where(p => Obj.OwnedBy(p, Obj.Uid(deploy)) && !Obj.Deleting(p)).ToList();
            var hash = TemplateHash(deploy);
            foreach (var stale in pods.Where(p => Obj.Label(p, "pod-template-hash") != hash).ToList())
            {
                Delete(Kind.Pod, ns, Obj.Name(stale));
                pods.Remove(stale);
            }
            for (var i = pods.Count; i < replicas; i++)
            {
                if (!Due(deploy, "pod")) break;
                if (CreatePod(deploy, ns, hash) is { } created) pods.Add(created);
            }
            foreach (var extra in pods.Skip(replicas).ToList())
            {
                Delete(Kind.Pod, ns, Obj.Name(extra));
                pods.Remove(extra);
            }
            var ready = 0;
            foreach (var pod in pods)
            {
                if (RunPod(deploy, pod)) ready++;
            }
            UpdateDeploymentStatus(deploy, replicas, pods.Count, ready);
        }
    }

    private static string TemplateHash(JsonObject deploy) => PodTemplateHash.Of(Obj.Object(deploy, "spec", "template"));

    private JsonObject? CreatePod(JsonObject deploy, string ns, string hash)
    {
        var template = Obj.Object(deploy, "spec", "template");
        var labels = Obj.Object(template, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
        labels["pod-template-hash"] = hash;
        var spec = Obj.Object(template, "spec")?.DeepClone().AsObject() ?? new JsonObject();
        spec["nodeName"] = Plane.ClusterName + "-control-plane";
        if (spec["serviceAccountName"] is not null
            && Get(Kind.ServiceAccount, ns, ApiServer.ServerJson.Str(spec, "serviceAccountName") ?? "") is null)
        {
            spec.Remove("serviceAccountName");
            spec.Remove("serviceAccount");
        }
        return Create(Kind.Pod, ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["generateName"] = $"{Obj.Name(deploy)}-{hash}-",
                ["namespace"] = ns,
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(Obj.OwnerRef(deploy, controller: true)),
            },
            ["spec"] = spec,
        });
    }

    private static bool IsGateway(JsonObject deploy) =>
        Obj.Name(deploy).StartsWith("gw-", StringComparison.Ordinal)
        && (Obj.ControllerOwner(deploy, "WgGatewayServer") is not null || Obj.ControllerOwner(deploy, "WgGatewayClient") is not null);

    /// <summary>The kubelet: the pod's status; returns whether it is Ready.</summary>
    private bool RunPod(JsonObject deploy, JsonObject pod)
    {
        var neverReady = Options.GatewayPodNeverReady && IsGateway(deploy);
        var unhealthy = Options.UnhealthyPod is { } u && u == Obj.Name(deploy);
        var wantReady = !neverReady && !unhealthy;
        var current = Obj.Object(pod, "status");
        var isRunning = Obj.Str(current, "phase") == "Running";
        var isReady = Obj.Condition(Obj.Array(current, "conditions"), "Ready") is { } c
            && ApiServer.ServerJson.Str(c, "status") == "True";
        var desiredPhase = neverReady ? "Pending" : "Running";
        if (Obj.Str(current, "phase") == desiredPhase && isReady == wantReady && (neverReady || isRunning)) return isReady;
        if (!Due(pod, "start")) return isReady;

        var now = Now;
        var started = Obj.Str(current, "startTime") ?? now;
        var containers = (Obj.Array(pod, "spec", "containers") ?? []).OfType<JsonObject>().ToList();
        var podIp = Obj.Str(current, "podIP") ?? PodStatuses.PodIp(PodStatuses.PodCidr(Plane), pod);
        var conditions = PodStatuses.Conditions(!neverReady, wantReady, now);
        var status = new JsonObject
        {
            ["phase"] = desiredPhase,
            ["conditions"] = conditions,
            ["hostIP"] = Plane.Fabric.NodeAddress(Plane.ClusterName),
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = Plane.Fabric.NodeAddress(Plane.ClusterName) }),
            ["startTime"] = started,
            ["qosClass"] = "BestEffort",
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode?)ContainerStatus(c, neverReady, unhealthy, now)).ToArray()),
        };
        if (!neverReady)
        {
            status["podIP"] = podIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        }
        pod["status"] = status;
        UpdateStatus(Kind.Pod, pod);
        return wantReady;
    }

    private static JsonObject ContainerStatus(JsonObject container, bool creating, bool crashing, string now) =>
        creating
            ? PodStatuses.ContainerStatus(container, "waiting", new JsonObject { ["reason"] = "ContainerCreating" }, false, 0, false)
            : crashing
                ? PodStatuses.ContainerStatus(container, "waiting", new JsonObject
                {
                    ["reason"] = "CrashLoopBackOff",
                    ["message"] = "back-off 5m0s restarting failed container",
                }, false, 7, true)
                : PodStatuses.ContainerStatus(container, "running", new JsonObject { ["startedAt"] = now }, true, 0, true);

    private void UpdateDeploymentStatus(JsonObject deploy, int replicas, int existing, int ready)
    {
        var status = new JsonObject { ["observedGeneration"] = Obj.Generation(deploy) };
        if (existing > 0)
        {
            status["replicas"] = existing;
            status["updatedReplicas"] = existing;
        }
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }
        if (existing - ready > 0) status["unavailableReplicas"] = existing - ready;
        var old = Obj.Object(deploy, "status") ?? new JsonObject();
        var now = Now;
        var conditions = new JsonObject { ["conditions"] = Obj.Array(old, "conditions")?.DeepClone() ?? new JsonArray() };
        var available = ready >= replicas;
        Obj.SetCondition(conditions, "conditions", "Available", available ? "True" : "False",
            available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now);
        Obj.SetCondition(conditions, "conditions", "Progressing", "True", "NewReplicaSetAvailable",
            $"ReplicaSet \"{Obj.Name(deploy)}-{TemplateHash(deploy)}\" has successfully progressed.", now);
        foreach (var c in Obj.Array(conditions, "conditions")!.OfType<JsonObject>()) c["lastUpdateTime"] ??= c["lastTransitionTime"]?.DeepClone();
        status["conditions"] = conditions["conditions"]!.DeepClone();
        if (JsonNode.DeepEquals(Strip(old), Strip(status))) return;
        deploy["status"] = status;
        UpdateStatus(Kind.Deployment, deploy);
    }

    /// <summary>The status without timestamps (what changes it).</summary>
    private static JsonObject Strip(JsonObject status)
    {
        var copy = status.DeepClone().AsObject();
        foreach (var c in (Obj.Array(copy, "conditions") ?? []).OfType<JsonObject>())
        {
            c.Remove("lastUpdateTime");
            c.Remove("lastTransitionTime");
        }
        return copy;
    }
}
