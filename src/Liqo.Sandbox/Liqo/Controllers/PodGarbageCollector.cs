using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// kube-controller-manager's pod garbage collector (podgc), its orphan rule: a pod bound to a node that no longer exists
/// is deleted (the sandbox skips the real 40 s quarantine). When a peering goes, its virtual node goes, so the pods
/// offloaded there are deleted and their ReplicaSets create new ones, which the scheduler places on the nodes left.
/// </summary>
internal sealed class PodGarbageCollector(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "pod-garbage-collector";
    public override string Component => "pod-garbage-collector";

    protected override void Reconcile()
    {
        var bound = List(Kind.Pod).Where(p => !string.IsNullOrEmpty(Obj.Str(p, "spec", "nodeName"))).ToList();
        if (bound.Count == 0) return;
        var nodes = List(Kind.Node).Select(Obj.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var pod in bound)
        {
            if (nodes.Contains(Obj.Str(pod, "spec", "nodeName")!)) continue;
            if (Delete(Kind.Pod, Obj.Ns(pod), Obj.Name(pod)))
                Plane.Log($"{Name}: PodGC is force deleting Pod: {Obj.Ns(pod)}/{Obj.Name(pod)} (node {Obj.Str(pod, "spec", "nodeName")} is gone)");
        }
    }
}
