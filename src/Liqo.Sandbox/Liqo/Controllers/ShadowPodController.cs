using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The ShadowPod controller (pkg/liqo-controller-manager/offloading/shadowpod-controller), on the provider: for each
/// ShadowPod not in a terminal phase it creates the Pod of the same name (labels plus liqo.io/managed-by=shadowpod,
/// annotations, spec.pod), owned by the ShadowPod (event CreatedPod); for an existing pod it keeps the labels and
/// annotations and copies the pod's phase into the ShadowPod's status.phase. A ShadowPod without the
/// offloading.liqo.io/origin label is left alone, as in Liqo. Deleting the ShadowPod deletes the pod (owner reference).
/// </summary>
internal sealed class ShadowPodController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "shadowpod";

    protected override void Reconcile()
    {
        foreach (var shadow in List(Kind.ShadowPod))
        {
            if (Obj.Deleting(shadow) || Obj.Str(shadow, "status", "phase") is "Succeeded" or "Failed") continue;
            var ns = Obj.Ns(shadow);
            var name = Obj.Name(shadow);
            var labels = Obj.Object(shadow, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
            labels[LiqoLabels.ReflectionManagedBy] = "shadowpod";
            var annotations = Obj.Object(shadow, "metadata", "annotations");
            if (Get(Kind.Pod, ns, name) is { } pod)
            {
                var podLabels = Obj.Object(pod, "metadata", "labels") ?? new JsonObject();
                var podAnnotations = Obj.Object(pod, "metadata", "annotations") ?? new JsonObject();
                if (labels.Any(l => podLabels[l.Key]?.ToString() != l.Value?.ToString())
                    || (annotations ?? []).Any(a => podAnnotations[a.Key]?.ToString() != a.Value?.ToString()))
                {
                    foreach (var (k, v) in labels) Obj.SetLabel(pod, k, v?.ToString() ?? "");
                    foreach (var (k, v) in annotations ?? []) Obj.SetAnnotation(pod, k, v?.ToString() ?? "");
                    pod = Update(Kind.Pod, pod) ?? pod;
                }
                var phase = Obj.Str(pod, "status", "phase");
                if (phase is not null && Obj.Str(shadow, "status", "phase") != phase)
                {
                    Obj.Set(shadow, new JsonObject { ["phase"] = phase }, "status");
                    UpdateStatus(Kind.ShadowPod, shadow);
                }
                continue;
            }
            if (Obj.Label(shadow, LiqoLabels.ReflectionOrigin) is not { Length: > 0 }) continue;
            if (!Due(shadow, "pod")) continue;
            var metadata = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(Obj.OwnerRef(shadow, controller: true)),
            };
            if (annotations is { Count: > 0 }) metadata["annotations"] = annotations.DeepClone();
            if (Create(Kind.Pod, ns, new JsonObject
            {
                ["metadata"] = metadata,
                ["spec"] = Obj.Object(shadow, "spec", "pod")?.DeepClone() ?? new JsonObject(),
            }) is not null)
                Event(shadow, "Normal", "CreatedPod", "Successfully created pod from ShadowPod");
        }
    }
}
