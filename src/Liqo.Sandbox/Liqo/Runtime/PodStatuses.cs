using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>The pieces of a pod status a kubelet writes: conditions, container statuses, the pod IP from the pod CIDR.</summary>
internal static class PodStatuses
{
    public static JsonObject Condition(string type, string status, string now, string? reason = null, string? message = null)
    {
        var c = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = now };
        if (reason is not null) c["reason"] = reason;
        if (message is not null) c["message"] = message;
        return c;
    }

    /// <summary>The kubelet's five conditions, Ready and ContainersReady as given.</summary>
    public static JsonArray Conditions(bool started, bool ready, string now, string? notReadyReason = "ContainersNotReady") => new(
        Condition("PodReadyToStartContainers", started ? "True" : "False", now),
        Condition("Initialized", "True", now),
        Condition("Ready", ready ? "True" : "False", now, ready ? null : notReadyReason),
        Condition("ContainersReady", ready ? "True" : "False", now, ready ? null : notReadyReason),
        Condition("PodScheduled", "True", now));

    public static string ImageId(string image) =>
        image + "@sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(image))).ToLowerInvariant();

    /// <summary>A container status with the given state (running, waiting or terminated object).</summary>
    public static JsonObject ContainerStatus(JsonObject container, string stateName, JsonObject state, bool ready, int restarts, bool pulled)
    {
        var image = Obj.Str(container, "image") ?? "";
        return new JsonObject
        {
            ["name"] = Obj.Str(container, "name"),
            ["state"] = new JsonObject { [stateName] = state },
            ["ready"] = ready,
            ["restartCount"] = restarts,
            ["image"] = image,
            ["imageID"] = pulled ? ImageId(image) : "",
            ["started"] = stateName == "running",
        };
    }

    /// <summary>The cluster's pod CIDR (status.cidr of the Network pod-cidr in the Liqo namespace; 10.244.0.0/16 without).</summary>
    public static SimulatedCidr PodCidr(LiqoControlPlane plane) =>
        SimulatedCidr.Parse(plane.List(Kind.Network, plane.LiqoNamespace)
            .Where(n => Obj.Label(n, LiqoLabels.NetworkType) == "pod-cidr")
            .Select(n => Obj.Str(n, "status", "cidr")).FirstOrDefault() ?? "10.244.0.0/16")!.Value;

    /// <summary>A stable address of the pod CIDR for the pod (from its uid).</summary>
    public static string PodIp(SimulatedCidr cidr, JsonObject pod) =>
        cidr.AddressAt(2 + (uint)(Obj.Uid(pod).Aggregate(7, (h, ch) => unchecked(h * 31 + ch)) & 0x3fff));

    public static bool IsReady(JsonObject pod) =>
        Obj.Condition(Obj.Array(pod, "status", "conditions"), "Ready") is { } c && Obj.Str(c, "status") == "True";

    public static bool IsTerminal(JsonObject pod) => Obj.Str(pod, "status", "phase") is "Succeeded" or "Failed";
}
