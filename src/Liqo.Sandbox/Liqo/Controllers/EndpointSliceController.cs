using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// kube-controller-manager's endpointslice controller, for Services with a selector outside the Liqo namespace and the
/// tenant namespaces (Liqo's own Services get no slices in the sandbox): one IPv4 slice per Service, generateName
/// &lt;service&gt;-, owned by the Service, labelled kubernetes.io/service-name and
/// endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io (plus the Service's labels); an endpoint per
/// selected pod with an IP that is not Succeeded or Failed (addresses, conditions ready/serving/terminating, nodeName,
/// targetRef); the Service's ports with the target port resolved against the pods' named container ports.
/// </summary>
internal sealed class EndpointSliceController(LiqoControlPlane plane) : LiqoController(plane)
{
    private const string ManagedByValue = "endpointslice-controller.k8s.io";

    public override string Name => "endpointslice-controller";
    public override string Component => "endpointslice-controller";

    protected override void Reconcile()
    {
        var services = List(Kind.Service).Where(s => !Obj.Deleting(s) && Obj.Object(s, "spec", "selector") is { Count: > 0 }
            && Obj.Str(s, "spec", "type") != "ExternalName").ToList();
        if (services.Count == 0) return;
        var liqoNamespaces = List(Kind.Namespace, null, LiqoLabels.TenantNamespace).Select(Obj.Name).Append(Options.Namespace).ToHashSet(StringComparer.Ordinal);
        services.RemoveAll(s => liqoNamespaces.Contains(Obj.Ns(s)));
        if (services.Count == 0) return;
        var slices = List(Kind.EndpointSlice, null, $"{LiqoLabels.EndpointSliceManagedBy}={ManagedByValue}");
        var podsByNs = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var svc in services)
        {
            var ns = Obj.Ns(svc);
            if (!podsByNs.TryGetValue(ns, out var pods)) podsByNs[ns] = pods = List(Kind.Pod, ns);
            var selected = pods.Where(p => !Obj.Deleting(p) && !PodStatuses.IsTerminal(p) && Obj.Str(p, "status", "podIP") is { Length: > 0 }
                && LabelSelectors.MatchesMap(Obj.Object(svc, "spec", "selector"), NodeSelectors.LabelsOf(p)))
                .OrderBy(Obj.Name, StringComparer.Ordinal).ToList();
            var existing = slices.FirstOrDefault(s => Obj.Ns(s) == ns && DeploymentController.ControllerUid(s) == Obj.Uid(svc));
            Sync(svc, selected, existing);
        }
    }

    private void Sync(JsonObject svc, List<JsonObject> pods, JsonObject? existing)
    {
        var endpoints = new JsonArray(pods.Select(p => (JsonNode?)Endpoint(p)).ToArray());
        var ports = new JsonArray((Obj.Array(svc, "spec", "ports") ?? []).OfType<JsonObject>().Select(p => (JsonNode?)Port(p, pods)).ToArray());
        var labels = Obj.Object(svc, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
        labels[LiqoLabels.ServiceName] = Obj.Name(svc);
        labels[LiqoLabels.EndpointSliceManagedBy] = ManagedByValue;
        if (existing is null)
        {
            if (!Due(svc, "slice")) return;
            Create(Kind.EndpointSlice, Obj.Ns(svc), new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["generateName"] = Obj.Name(svc) + "-",
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(Obj.OwnerRef(svc, controller: true)),
                },
                ["addressType"] = "IPv4",
                ["endpoints"] = endpoints,
                ["ports"] = ports,
            });
            return;
        }
        if (JsonNode.DeepEquals(existing["endpoints"], endpoints) && JsonNode.DeepEquals(existing["ports"], ports)
            && JsonNode.DeepEquals(Obj.Object(existing, "metadata", "labels"), labels)) return;
        existing["endpoints"] = endpoints;
        existing["ports"] = ports;
        Obj.Set(existing, labels, "metadata", "labels");
        Update(Kind.EndpointSlice, existing);
    }

    private static JsonObject Endpoint(JsonObject pod)
    {
        var ready = PodStatuses.IsReady(pod);
        var endpoint = new JsonObject
        {
            ["addresses"] = new JsonArray(Obj.Str(pod, "status", "podIP")),
            ["conditions"] = new JsonObject { ["ready"] = ready, ["serving"] = ready, ["terminating"] = false },
        };
        if (Obj.Str(pod, "spec", "nodeName") is { Length: > 0 } node) endpoint["nodeName"] = node;
        endpoint["targetRef"] = new JsonObject
        {
            ["kind"] = "Pod",
            ["namespace"] = Obj.Ns(pod),
            ["name"] = Obj.Name(pod),
            ["uid"] = Obj.Uid(pod),
        };
        return endpoint;
    }

    private static JsonObject Port(JsonObject servicePort, List<JsonObject> pods)
    {
        var target = Obj.At(servicePort, "targetPort");
        long? number = target is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
        if (number is null && target?.ToString() is { Length: > 0 } named)
            number = pods.SelectMany(p => (Obj.Array(p, "spec", "containers") ?? []).OfType<JsonObject>())
                .SelectMany(c => (Obj.Array(c, "ports") ?? []).OfType<JsonObject>())
                .Where(p => Obj.Str(p, "name") == named).Select(p => Obj.Long(p, "containerPort")).FirstOrDefault();
        number ??= Obj.Long(servicePort, "port");
        var port = new JsonObject { ["name"] = Obj.Str(servicePort, "name") ?? "", ["port"] = number, ["protocol"] = Obj.Str(servicePort, "protocol") ?? "TCP" };
        return port;
    }
}
