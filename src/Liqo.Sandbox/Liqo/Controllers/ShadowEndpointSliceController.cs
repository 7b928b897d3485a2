using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The ShadowEndpointSlice controller (pkg/liqo-controller-manager/offloading/shadowendpointslice-controller), on the
/// provider: for each ShadowEndpointSlice whose origin (offloading.liqo.io/origin) is a known ForeignCluster it keeps
/// the EndpointSlice of the same name (labels plus liqo.io/managed-by=shadowendpointslice, annotations, the template's
/// addressType, endpoints and ports), owned by the ShadowEndpointSlice, with the consumer's addresses remapped as this
/// cluster sees the consumer's pod CIDR.
/// </summary>
internal sealed class ShadowEndpointSliceController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "shadowendpointslice";

    protected override void Reconcile()
    {
        foreach (var shadow in List(Kind.ShadowEndpointSlice))
        {
            if (Obj.Deleting(shadow) || Obj.Label(shadow, LiqoLabels.ReflectionOrigin) is not { Length: > 0 } origin) continue;
            if (Get(Kind.ForeignCluster, null, origin) is null) continue;
            var labels = Obj.Object(shadow, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
            labels[LiqoLabels.ReflectionManagedBy] = "shadowendpointslice";
            var template = Obj.Object(shadow, "spec", "template") ?? new JsonObject();
            var endpoints = Obj.Array(template, "endpoints")?.DeepClone().AsArray() ?? new JsonArray();
            foreach (var e in endpoints.OfType<JsonObject>())
                if (Obj.Array(e, "addresses") is { } addresses)
                    e["addresses"] = Obj.Strings(addresses.Select(a => PodCidrRemapping.Translate(Plane, origin, a?.ToString() ?? "")).ToList());
            var existing = Get(Kind.EndpointSlice, Obj.Ns(shadow), Obj.Name(shadow));
            if (existing is null)
            {
                if (!Due(shadow, "slice")) continue;
                var metadata = new JsonObject
                {
                    ["name"] = Obj.Name(shadow),
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(Obj.OwnerRef(shadow, controller: true)),
                };
                if (Obj.Object(shadow, "metadata", "annotations") is { Count: > 0 } annotations) metadata["annotations"] = annotations.DeepClone();
                var slice = new JsonObject { ["metadata"] = metadata, ["addressType"] = Obj.Str(template, "addressType"), ["endpoints"] = endpoints };
                if (template["ports"] is { } ports) slice["ports"] = ports.DeepClone();
                Create(Kind.EndpointSlice, Obj.Ns(shadow), slice);
                continue;
            }
            var ports2 = template["ports"]?.DeepClone();
            if (JsonNode.DeepEquals(existing["endpoints"] ?? new JsonArray(), endpoints) && JsonNode.DeepEquals(existing["ports"], ports2)
                && JsonNode.DeepEquals(Obj.Object(existing, "metadata", "labels"), labels)) continue;
            existing["endpoints"] = endpoints;
            existing["ports"] = ports2;
            Obj.Set(existing, labels, "metadata", "labels");
            Update(Kind.EndpointSlice, existing);
        }
    }
}
