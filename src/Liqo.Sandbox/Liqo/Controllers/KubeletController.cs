using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The kubelet of the cluster's real nodes (not Liqo's virtual nodes, whose pods the virtual kubelet runs), for the pods
/// bound to them, except Liqo's own pods (owned by their Deployment directly, run by <see cref="WorkloadController"/>):
/// it starts them (phase Running, the five conditions True, hostIP the node's InternalIP, podIP from the pod CIDR,
/// startTime, qosClass, a running status per container). The <see cref="LiqoOptions.FailedPods"/> knob makes it fail a
/// pod by name: phase Failed, Ready False, every container terminated with exit code 1 (reason Error); a Failed pod
/// stays Failed.
/// </summary>
internal sealed class KubeletController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "kubelet";
    public override string Component => "kubelet";

    protected override void Reconcile()
    {
        var pods = List(Kind.Pod).Where(p => !string.IsNullOrEmpty(Obj.Str(p, "spec", "nodeName")) && !Obj.Deleting(p)
            && Obj.ControllerOwner(p, "Deployment") is null && Obj.Str(p, "status", "phase") != "Failed").ToList();
        if (pods.Count == 0) return;
        var nodes = List(Kind.Node).Where(n => Obj.Label(n, LiqoLabels.Type) != "virtual-node").ToDictionary(Obj.Name, StringComparer.Ordinal);
        SimulatedCidr? cidr = null;
        foreach (var pod in pods)
        {
            if (!nodes.TryGetValue(Obj.Str(pod, "spec", "nodeName")!, out var node)) continue;
            var fail = Options.FailedPods.Contains(Obj.Name(pod)) || Options.FailedPods.Contains(Obj.Ns(pod) + "/" + Obj.Name(pod));
            if (!fail && Obj.Str(pod, "status", "phase") == "Running" && PodStatuses.IsReady(pod)) continue;
            if (!Due(pod, fail ? "fail" : "start")) continue;
            cidr ??= PodStatuses.PodCidr(Plane);
            pod["status"] = Status(pod, node, cidr.Value, fail);
            UpdateStatus(Kind.Pod, pod);
        }
    }

    private JsonObject Status(JsonObject pod, JsonObject node, SimulatedCidr cidr, bool fail)
    {
        var now = Now;
        var current = Obj.Object(pod, "status");
        var hostIp = (Obj.Array(node, "status", "addresses") ?? []).OfType<JsonObject>()
            .FirstOrDefault(a => Obj.Str(a, "type") == "InternalIP") is { } address ? Obj.Str(address, "address") : null;
        hostIp ??= Plane.Fabric.NodeAddress(Plane.ClusterName);
        var podIp = Obj.Str(current, "podIP") ?? PodStatuses.PodIp(cidr, pod);
        var started = Obj.Str(current, "startTime") ?? now;
        var containers = (Obj.Array(pod, "spec", "containers") ?? []).OfType<JsonObject>().ToList();
        var statuses = containers.Select(c => (JsonNode?)(fail
            ? PodStatuses.ContainerStatus(c, "terminated", new JsonObject
            {
                ["exitCode"] = 1,
                ["reason"] = "Error",
                ["startedAt"] = started,
                ["finishedAt"] = now,
                ["containerID"] = "containerd://" + Obj.Uid(pod).Replace("-", "", StringComparison.Ordinal),
            }, false, 0, true)
            : PodStatuses.ContainerStatus(c, "running", new JsonObject { ["startedAt"] = now }, true, 0, true))).ToArray();
        var status = new JsonObject
        {
            ["phase"] = fail ? "Failed" : "Running",
            ["conditions"] = PodStatuses.Conditions(!fail, !fail, now, "PodFailed"),
            ["hostIP"] = hostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp }),
            ["podIP"] = podIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
            ["startTime"] = started,
            ["qosClass"] = Obj.Str(current, "qosClass") ?? "BestEffort",
            ["containerStatuses"] = new JsonArray(statuses),
        };
        return status;
    }
}
