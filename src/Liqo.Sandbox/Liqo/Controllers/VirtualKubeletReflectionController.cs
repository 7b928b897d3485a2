using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Remote;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The virtual kubelet's reflection (pkg/virtualKubelet/reflection), on the consumer, for each VirtualNode whose Node is
/// registered: it reaches the provider with the VirtualNode's kubeconfig Secret (the control-plane identity), and for
/// every namespace the NamespaceMaps of that provider map with phase Accepted (status.currentMapping) it reflects, into
/// the remote namespace, with the labels offloading.liqo.io/origin and offloading.liqo.io/destination:
/// <list type="bullet">
/// <item>pods bound to the virtual node, as ShadowPods of the same name (labels plus offloading.liqo.io/nodename,
/// annotations, the pod spec as Liqo forges it: no virtual-node toleration, no affinity, no service account, no token);
/// the local pod gets liqo.io/shadowPod=true, and its status becomes the remote pod's (phase, conditions, container
/// statuses, podIP remapped into the provider's pod CIDR as this cluster sees it, hostIP the virtual node's address);
/// a ShadowPod whose pod ended without a pod left fails the local pod (RemotePodTerminated); a ShadowPod whose local
/// pod is gone is deleted;</item>
/// <item>Services (not "kubernetes"), with type, selector, ports and policies, not the cluster IP;</item>
/// <item>EndpointSlices, as ShadowEndpointSlices (endpoints on this provider's virtual node left out, nodeName the
/// consumer's cluster ID, targetRef kind RemotePod, managed-by endpointslice.reflection.liqo.io);</item>
/// <item>ConfigMaps (kube-root-ca.crt as kube-root-ca.crt.&lt;first 5 characters of the cluster ID&gt;) and Secrets
/// (not service-account tokens);</item>
/// </list>
/// objects annotated liqo.io/skip-reflection are left out (the root CA ConfigMap unless it says so), and a reflected
/// object whose local one is gone is deleted. When a mapping goes (unoffload), or the virtual node (unpeer), the
/// reflected objects in that remote namespace are deleted while the provider still answers (Liqo relies on the remote
/// namespace's deletion for that; the sandbox does both, so nothing reflected stays behind even before the namespace
/// goes). The ShadowPod and ShadowEndpointSlice controllers on the provider make the pods and EndpointSlices.
/// </summary>
internal sealed class VirtualKubeletReflectionController(LiqoControlPlane plane) : LiqoController(plane), IAsyncDisposable
{
    private const string CoreApi = "/api/v1/namespaces/";
    private const string OffloadingApi = "/apis/offloading.liqo.io/v1beta1/namespaces/";
    private const string RootCaConfigMap = "kube-root-ca.crt";

    /// <summary>The reflected kinds: cache key, API prefix, plural; deleted in this order on cleanup.</summary>
    private static readonly (string Key, string Api, string Plural)[] Kinds =
    [
        ("shadowpods", OffloadingApi, "shadowpods"),
        ("services", CoreApi, "services"),
        ("shadowendpointslices", OffloadingApi, "shadowendpointslices"),
        ("configmaps", CoreApi, "configmaps"),
        ("secrets", CoreApi, "secrets"),
        ("pods", CoreApi, "pods"),
    ];

    /// <summary>The pod spec fields forge.RemotePodSpec carries over to the ShadowPod.</summary>
    private static readonly string[] PodSpecFields =
    [
        "containers", "initContainers", "volumes", "activeDeadlineSeconds", "dnsConfig", "dnsPolicy", "enableServiceLinks", "hostAliases",
        "hostname", "imagePullSecrets", "readinessGates", "restartPolicy", "securityContext", "setHostnameAsFQDN", "shareProcessNamespace",
        "subdomain", "terminationGracePeriodSeconds", "topologySpreadConstraints",
    ];

    /// <summary>The Service spec fields forge.RemoteServiceSpec carries over (besides type, selector, ports and a headless clusterIP).</summary>
    private static readonly string[] ServiceSpecFields =
    [
        "externalName", "externalTrafficPolicy", "internalTrafficPolicy", "ipFamilyPolicy", "publishNotReadyAddresses", "sessionAffinity",
        "loadBalancerSourceRanges", "allocateLoadBalancerNodePorts",
    ];

    private static readonly string[] ServicePortFields = ["name", "protocol", "port", "targetPort", "appProtocol"];

    private readonly Dictionary<string, RemoteSession> _sessions = new(StringComparer.Ordinal);

    public override string Name => "virtual-kubelet-reflection";
    public override string Component => "virtual-kubelet";

    public override async Task ReconcileAsync(CancellationToken ct)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vn in List(Kind.VirtualNode))
        {
            if (Obj.Deleting(vn) || Get(Kind.Node, null, Obj.Name(vn)) is not { } node) continue;
            var remoteId = Obj.Str(vn, "spec", "clusterID") ?? "";
            var secretName = Obj.Str(vn, "spec", "kubeconfigSecretRef", "name") ?? "";
            if (remoteId.Length == 0 || Get(Kind.Secret, Obj.Ns(vn), secretName) is not { } secret
                || Obj.Bytes(secret, "data", "kubeconfig") is not { Length: > 0 } bytes) continue;
            var key = Obj.Ns(vn) + "/" + Obj.Name(vn);
            wanted.Add(key);
            var kubeconfig = Encoding.UTF8.GetString(bytes);
            if (_sessions.TryGetValue(key, out var session) && session.Kubeconfig != kubeconfig)
            {
                session.Dispose();
                _sessions.Remove(key);
                session = null;
            }
            if (session is null)
            {
                try
                {
                    session = new RemoteSession(this, remoteId, kubeconfig, RemoteApiClient.FromKubeconfig(kubeconfig));
                }
                catch (Exception e) when (e is FormatException or ArgumentException or System.Security.Cryptography.CryptographicException or IOException)
                {
                    Plane.Log($"{Name}: [{remoteId}] invalid kubeconfig: {e.Message}");
                    continue;
                }
                _sessions[key] = session;
            }
            session.NodeName = Obj.Name(vn);
            session.NodeIp = (Obj.Array(node, "status", "addresses") ?? []).OfType<JsonObject>()
                .FirstOrDefault(a => Obj.Str(a, "type") == "InternalIP") is { } address ? Obj.Str(address, "address") ?? "" : "";
            session.Sync(DesiredMappings(Obj.Ns(vn), remoteId));
            await ReflectAsync(session, ct).ConfigureAwait(false);
        }
        foreach (var (key, session) in _sessions.ToList())
        {
            if (wanted.Contains(key)) continue;
            // The virtual node is gone: clean the reflected objects up while the provider still answers, then stop.
            session.Sync(new Dictionary<string, string>(StringComparer.Ordinal));
            await CleanupAsync(session, ct).ConfigureAwait(false);
            if (session.Cleanups.Count > 0 && session.Usable) continue;
            session.Dispose();
            _sessions.Remove(key);
        }
    }

    /// <summary>Local namespace → remote namespace, from the NamespaceMaps of the provider (entries with phase Accepted).</summary>
    private Dictionary<string, string> DesiredMappings(string tenantNs, string remoteId)
    {
        var mappings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var map in List(Kind.NamespaceMap, tenantNs, $"{LiqoLabels.RemoteClusterId}={remoteId}"))
            foreach (var (localNs, entry) in Obj.Object(map, "status", "currentMapping") ?? [])
                if (entry is JsonObject e && Obj.Str(e, "phase") == "Accepted" && Obj.Str(e, "remoteNamespace") is { Length: > 0 } remoteNs)
                    mappings[localNs] = remoteNs;
        return mappings;
    }

    private async Task ReflectAsync(RemoteSession session, CancellationToken ct)
    {
        await CleanupAsync(session, ct).ConfigureAwait(false);
        if (!session.Usable) return;
        foreach (var ns in session.Namespaces.Values)
        {
            if (!ns.Synced) continue;
            try
            {
                await ReflectPodsAsync(session, ns, ct).ConfigureAwait(false);
                await SyncAsync(session, ns, "services", DesiredServices(session, ns), ct).ConfigureAwait(false);
                await SyncAsync(session, ns, "shadowendpointslices", DesiredEndpointSlices(session, ns), ct).ConfigureAwait(false);
                await SyncAsync(session, ns, "configmaps", DesiredConfigMaps(session, ns), ct).ConfigureAwait(false);
                await SyncAsync(session, ns, "secrets", DesiredSecrets(session, ns), ct).ConfigureAwait(false);
            }
            catch (RemoteApiException e)
            {
                Plane.Log($"{Name}: [{session.RemoteId}] {ns.LocalNs} -> {ns.RemoteNs}: {e.Message}");
            }
        }
    }

    // ------------------------------------------------------------------ pods

    private async Task ReflectPodsAsync(RemoteSession session, NamespaceReflection ns, CancellationToken ct)
    {
        var shadows = ns.Caches["shadowpods"];
        var remotePods = ns.Caches["pods"];
        var locals = List(Kind.Pod, ns.LocalNs);
        var localNames = locals.Select(Obj.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var local in locals.Where(p => Obj.Str(p, "spec", "nodeName") == session.NodeName && !Obj.Deleting(p)))
        {
            var name = Obj.Name(local);
            shadows.Items.TryGetValue(name, out var shadow);
            remotePods.Items.TryGetValue(name, out var remote);
            if (PodStatuses.IsTerminal(local) && (remote is null || Obj.Str(remote, "status", "phase") == Obj.Str(local, "status", "phase"))) continue;
            if (Obj.Label(local, LiqoLabels.LocalPod) != "true")
            {
                // forge.LocalPodOffloadedLabel first; the next run (woken by this write) reflects the pod.
                Obj.SetLabel(local, LiqoLabels.LocalPod, "true");
                Update(Kind.Pod, local);
                continue;
            }
            if (shadow is null)
            {
                if (!Due(local, "shadowpod")) continue;
                await WriteAsync(session, HttpMethod.Post, shadows.CollectionPath, ShadowPod(session, ns, local), ct).ConfigureAwait(false);
                continue;
            }
            var labels = ShadowPodLabels(session, local);
            var annotations = Obj.Object(local, "metadata", "annotations")?.DeepClone() ?? new JsonObject();
            if (!JsonNode.DeepEquals(Obj.Object(shadow, "metadata", "labels") ?? new JsonObject(), labels)
                || !JsonNode.DeepEquals(Obj.Object(shadow, "metadata", "annotations") ?? new JsonObject(), annotations))
            {
                var updated = shadow.DeepClone().AsObject();
                Obj.Set(updated, labels, "metadata", "labels");
                Obj.Set(updated, annotations, "metadata", "annotations");
                await WriteAsync(session, HttpMethod.Put, shadows.ObjectPath(name), updated, ct).ConfigureAwait(false);
            }
            ReflectStatus(session, local, remote, shadow);
        }
        foreach (var (name, shadow) in shadows.Items)
        {
            if (localNames.Contains(name) || Obj.Label(shadow, LiqoLabels.ReflectionNodeName) != session.NodeName || Obj.Deleting(shadow)) continue;
            await WriteAsync(session, HttpMethod.Delete, shadows.ObjectPath(name), null, ct).ConfigureAwait(false);
        }
    }

    private JsonObject ShadowPodLabels(RemoteSession session, JsonObject local)
    {
        var labels = Obj.Object(local, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
        labels.Remove(LiqoLabels.LocalPod);
        labels[LiqoLabels.ReflectionNodeName] = session.NodeName;
        labels[LiqoLabels.ReflectionOrigin] = Plane.ClusterId;
        labels[LiqoLabels.ReflectionDestination] = session.RemoteId;
        return labels;
    }

    /// <summary>forge.RemoteShadowPod / RemotePodSpec: the fields Liqo carries over, the virtual-node toleration dropped.</summary>
    private JsonObject ShadowPod(RemoteSession session, NamespaceReflection ns, JsonObject local)
    {
        var spec = Obj.Object(local, "spec") ?? new JsonObject();
        var pod = new JsonObject();
        foreach (var field in PodSpecFields)
            if (spec[field] is { } value) pod[field] = value.DeepClone();
        var tolerations = (Obj.Array(spec, "tolerations") ?? []).OfType<JsonObject>()
            .Where(t => Obj.Str(t, "key") != LiqoLabels.VirtualNodeTolerationKey).Select(t => (JsonNode?)t.DeepClone()).ToArray();
        if (tolerations.Length > 0) pod["tolerations"] = new JsonArray(tolerations);
        pod["automountServiceAccountToken"] = false;
        var metadata = new JsonObject
        {
            ["name"] = Obj.Name(local),
            ["namespace"] = ns.RemoteNs,
            ["labels"] = ShadowPodLabels(session, local),
        };
        if (Obj.Object(local, "metadata", "annotations") is { Count: > 0 } annotations) metadata["annotations"] = annotations.DeepClone();
        return new JsonObject
        {
            ["apiVersion"] = Kind.ShadowPod.ApiVersion,
            ["kind"] = Kind.ShadowPod.Name,
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["pod"] = pod },
        };
    }

    /// <summary>forge.LocalPodStatus (remote pod present) or forge.LocalRejectedPodStatus (only a terminated ShadowPod left).</summary>
    private void ReflectStatus(RemoteSession session, JsonObject local, JsonObject? remote, JsonObject shadow)
    {
        JsonObject status;
        if (remote is not null)
        {
            status = Obj.Object(remote, "status")?.DeepClone().AsObject() ?? new JsonObject();
            if (Obj.Str(status, "podIP") is { Length: > 0 } ip)
            {
                var translated = PodCidrRemapping.Translate(Plane, session.RemoteId, ip);
                status["podIP"] = translated;
                status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = translated });
            }
            status["hostIP"] = session.NodeIp;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = session.NodeIp });
        }
        else if (Obj.Str(shadow, "status", "phase") is "Succeeded" or "Failed")
        {
            var phase = Obj.Str(shadow, "status", "phase")!;
            status = Obj.Object(local, "status")?.DeepClone().AsObject() ?? new JsonObject();
            status["phase"] = phase;
            status["reason"] = "RemotePodTerminated";
            foreach (var c in (Obj.Array(status, "conditions") ?? []).OfType<JsonObject>().Where(c => Obj.Str(c, "status") == "True"))
            {
                c["status"] = "False";
                c["reason"] = "RemotePodTerminated";
                c["lastTransitionTime"] = Now;
            }
            foreach (var cs in (Obj.Array(status, "containerStatuses") ?? []).OfType<JsonObject>())
            {
                cs["ready"] = false;
                if (Obj.Object(cs, "state", "terminated") is null)
                    cs["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = phase == "Failed" ? 1 : 0, ["reason"] = "RemotePodTerminated" } };
            }
        }
        else
        {
            return;
        }
        if (JsonNode.DeepEquals(Obj.Object(local, "status"), status)) return;
        local["status"] = status;
        UpdateStatus(Kind.Pod, local);
    }

    // ------------------------------------------------------------------ services, endpointslices, configmaps, secrets

    private static bool Skipped(JsonObject local) =>
        Obj.Annotation(local, LiqoLabels.SkipReflectionAnnotation) is { } skip && !skip.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>forge.RemoteObjectMeta: the local labels plus the reflection labels, the local annotations.</summary>
    private JsonObject RemoteMeta(RemoteSession session, NamespaceReflection ns, JsonObject local, string name)
    {
        var labels = Obj.Object(local, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
        labels[LiqoLabels.ReflectionOrigin] = Plane.ClusterId;
        labels[LiqoLabels.ReflectionDestination] = session.RemoteId;
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns.RemoteNs, ["labels"] = labels };
        meta["annotations"] = Obj.Object(local, "metadata", "annotations")?.DeepClone() ?? new JsonObject();
        return meta;
    }

    private Dictionary<string, JsonObject> DesiredServices(RemoteSession session, NamespaceReflection ns)
    {
        var desired = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var svc in List(Kind.Service, ns.LocalNs))
        {
            if (Obj.Deleting(svc) || Obj.Name(svc) == "kubernetes" || Skipped(svc)) continue;
            var local = Obj.Object(svc, "spec") ?? new JsonObject();
            var spec = new JsonObject { ["type"] = Obj.Str(local, "type") ?? "ClusterIP" };
            if (local["selector"] is { } selector) spec["selector"] = selector.DeepClone();
            spec["ports"] = new JsonArray((Obj.Array(local, "ports") ?? []).OfType<JsonObject>().Select(p =>
            {
                var port = new JsonObject();
                foreach (var f in ServicePortFields)
                    if (p[f] is { } v) port[f] = v.DeepClone();
                return (JsonNode?)port;
            }).ToArray());
            foreach (var f in ServiceSpecFields)
                if (local[f] is { } v && v.ToString().Length > 0) spec[f] = v.DeepClone();
            if (Obj.Str(local, "clusterIP") == "None") spec["clusterIP"] = "None";
            desired[Obj.Name(svc)] = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = RemoteMeta(session, ns, svc, Obj.Name(svc)),
                ["spec"] = spec,
            };
        }
        return desired;
    }

    private Dictionary<string, JsonObject> DesiredEndpointSlices(RemoteSession session, NamespaceReflection ns)
    {
        var desired = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var services = List(Kind.Service, ns.LocalNs).ToDictionary(Obj.Name, StringComparer.Ordinal);
        Dictionary<string, string?>? nodeClusters = null;
        foreach (var slice in List(Kind.EndpointSlice, ns.LocalNs))
        {
            var service = Obj.Label(slice, LiqoLabels.ServiceName);
            if (Obj.Deleting(slice) || service == "kubernetes" || Skipped(slice)
                || (service is not null && services.TryGetValue(service, out var svc) && Skipped(svc))) continue;
            nodeClusters ??= List(Kind.Node).ToDictionary(Obj.Name, n => Obj.Label(n, LiqoLabels.RemoteClusterId), StringComparer.Ordinal);
            var endpoints = new JsonArray();
            foreach (var e in (Obj.Array(slice, "endpoints") ?? []).OfType<JsonObject>())
            {
                // forge.EndpointToBeReflected: not the endpoints the provider runs itself (pods on its virtual node).
                if (Obj.Str(e, "nodeName") is { } nodeName
                    && (!nodeClusters.TryGetValue(nodeName, out var cluster) || cluster == session.RemoteId)) continue;
                var endpoint = new JsonObject { ["addresses"] = e["addresses"]?.DeepClone() };
                var conditions = new JsonObject();
                if (Obj.At(e, "conditions", "ready") is { } ready) conditions["ready"] = ready.DeepClone();
                endpoint["conditions"] = conditions;
                if (e["hostname"] is { } hostname) endpoint["hostname"] = hostname.DeepClone();
                if (Obj.Object(e, "targetRef")?.DeepClone().AsObject() is { } target)
                {
                    target["kind"] = "Remote" + Obj.Str(target, "kind");
                    endpoint["targetRef"] = target;
                }
                endpoint["nodeName"] = Plane.ClusterId;
                if (e["zone"] is { } zone) endpoint["zone"] = zone.DeepClone();
                endpoints.Add(endpoint);
            }
            var meta = RemoteMeta(session, ns, slice, Obj.Name(slice));
            meta["labels"]![LiqoLabels.EndpointSliceManagedBy] = LiqoLabels.EndpointSliceManagedByReflection;
            var template = new JsonObject { ["addressType"] = Obj.Str(slice, "addressType"), ["endpoints"] = endpoints };
            if (slice["ports"] is JsonArray { Count: > 0 } ports) template["ports"] = ports.DeepClone();
            desired[Obj.Name(slice)] = new JsonObject
            {
                ["apiVersion"] = Kind.ShadowEndpointSlice.ApiVersion,
                ["kind"] = Kind.ShadowEndpointSlice.Name,
                ["metadata"] = meta,
                ["spec"] = new JsonObject { ["template"] = template },
            };
        }
        return desired;
    }

    /// <summary>forge.RemoteConfigMapName: the root CA ConfigMap is renamed so that it does not clash with the provider's own.</summary>
    private string RemoteConfigMapName(string local)
    {
        if (local != RootCaConfigMap) return local;
        var name = RootCaConfigMap + "." + (Plane.ClusterId.Length > 5 ? Plane.ClusterId[..5] : Plane.ClusterId);
        return char.IsAsciiLetterOrDigit(name[^1]) ? name : name + "a";
    }

    private Dictionary<string, JsonObject> DesiredConfigMaps(RemoteSession session, NamespaceReflection ns)
    {
        var desired = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var cm in List(Kind.ConfigMap, ns.LocalNs))
        {
            var rootCa = Obj.Name(cm) == RootCaConfigMap;
            if (Obj.Deleting(cm) || (rootCa ? Obj.Annotation(cm, LiqoLabels.SkipReflectionAnnotation) is "true" : Skipped(cm))) continue;
            var name = RemoteConfigMapName(Obj.Name(cm));
            var remote = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = RemoteMeta(session, ns, cm, name) };
            remote["data"] = cm["data"]?.DeepClone() ?? new JsonObject();
            remote["binaryData"] = cm["binaryData"]?.DeepClone() ?? new JsonObject();
            if (cm["immutable"] is { } immutable) remote["immutable"] = immutable.DeepClone();
            desired[name] = remote;
        }
        return desired;
    }

    private Dictionary<string, JsonObject> DesiredSecrets(RemoteSession session, NamespaceReflection ns)
    {
        var desired = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var secret in List(Kind.Secret, ns.LocalNs))
        {
            if (Obj.Deleting(secret) || Skipped(secret) || Obj.Str(secret, "type") == "kubernetes.io/service-account-token") continue;
            var remote = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = RemoteMeta(session, ns, secret, Obj.Name(secret)) };
            remote["data"] = secret["data"]?.DeepClone() ?? new JsonObject();
            remote["type"] = Obj.Str(secret, "type") ?? "Opaque";
            if (secret["immutable"] is { } immutable) remote["immutable"] = immutable.DeepClone();
            desired[Obj.Name(secret)] = remote;
        }
        return desired;
    }

    /// <summary>
    /// Creates the missing remote objects, updates those whose labels, annotations or reflected fields differ (the other
    /// fields, e.g. a Service's clusterIP, are the provider's), deletes reflected objects whose local one is gone.
    /// </summary>
    private async Task SyncAsync(RemoteSession session, NamespaceReflection ns, string kind, Dictionary<string, JsonObject> desired, CancellationToken ct)
    {
        var cache = ns.Caches[kind];
        foreach (var (name, want) in desired)
        {
            if (!cache.Items.TryGetValue(name, out var have))
            {
                await WriteAsync(session, HttpMethod.Post, cache.CollectionPath, want, ct).ConfigureAwait(false);
                continue;
            }
            var merged = have.DeepClone().AsObject();
            Obj.Set(merged, want["metadata"]!["labels"]!.DeepClone(), "metadata", "labels");
            Obj.Set(merged, want["metadata"]!["annotations"]!.DeepClone(), "metadata", "annotations");
            foreach (var (field, value) in want)
            {
                if (field is "metadata" or "apiVersion" or "kind") continue;
                if (field == "spec" && merged["spec"] is JsonObject spec && value is JsonObject wantSpec)
                    foreach (var (k, v) in wantSpec) spec[k] = v?.DeepClone();
                else merged[field] = value?.DeepClone();
            }
            if (JsonNode.DeepEquals(merged, have)) continue;
            await WriteAsync(session, HttpMethod.Put, cache.ObjectPath(name), merged, ct).ConfigureAwait(false);
        }
        foreach (var name in cache.Items.Keys)
            if (!desired.ContainsKey(name))
                await WriteAsync(session, HttpMethod.Delete, cache.ObjectPath(name), null, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes what was reflected into the remote namespaces no longer mapped; a namespace is done when nothing reflected is left.</summary>
    private async Task CleanupAsync(RemoteSession session, CancellationToken ct)
    {
        if (session.Cleanups.Count == 0 || !session.Usable) return;
        foreach (var remoteNs in session.Cleanups.ToList())
        {
            if (session.Namespaces.Values.Any(n => n.RemoteNs == remoteNs)) continue;
            try
            {
                var left = 0;
                foreach (var (key, api, plural) in Kinds)
                {
                    if (key == "pods") continue;
                    var path = api + remoteNs + "/" + plural;
                    var list = await session.Client.GetAsync($"{path}?labelSelector={Uri.EscapeDataString(session.Selector(Plane.ClusterId))}", ct)
                        .ConfigureAwait(false);
                    foreach (var item in (list?["items"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        left++;
                        if (!Obj.Deleting(item)) await WriteAsync(session, HttpMethod.Delete, path + "/" + Uri.EscapeDataString(Obj.Name(item)), null, ct).ConfigureAwait(false);
                    }
                }
                if (left == 0)
                {
                    session.Cleanups.Remove(remoteNs);
                    Plane.Log($"{Name}: [{session.RemoteId}] nothing reflected is left in remote namespace {remoteNs}");
                }
            }
            catch (RemoteApiException e)
            {
                Plane.Log($"{Name}: [{session.RemoteId}] cleaning up {remoteNs}: {e.Message}");
                if (e.StatusCode is 401 or 403) session.Cleanups.Remove(remoteNs);
            }
        }
    }

    private async Task WriteAsync(RemoteSession session, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        var (code, answer) = await session.Client.SendAsync(method, path, body, ct).ConfigureAwait(false);
        if (code is >= 200 and < 300 or 404 or 409) return;
        var message = Obj.Str(answer, "message") ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Plane.Log($"{Name}: [{session.RemoteId}] {method.Method} {path}: {message}");
        if (code is 401 or 403) throw new RemoteApiException(code, Obj.Str(answer, "reason") ?? "", message);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values) session.Dispose();
        _sessions.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>The reflection towards one provider (one virtual node): its client and the namespaces it reflects.</summary>
    private sealed class RemoteSession(VirtualKubeletReflectionController owner, string remoteId, string kubeconfig, RemoteApiClient client) : IDisposable
    {
        public string RemoteId { get; } = remoteId;
        public string Kubeconfig { get; } = kubeconfig;
        public RemoteApiClient Client { get; } = client;
        public string NodeName { get; set; } = "";
        public string NodeIp { get; set; } = "";
        public Dictionary<string, NamespaceReflection> Namespaces { get; } = new(StringComparer.Ordinal);
        /// <summary>Remote namespaces whose reflected objects are still to be deleted.</summary>
        public HashSet<string> Cleanups { get; } = new(StringComparer.Ordinal);

        public string Selector(string localId) => $"{LiqoLabels.ReflectionOrigin}={localId},{LiqoLabels.ReflectionDestination}={RemoteId}";

        /// <summary>Whether the provider can be reached (in-band peerings need the tunnel).</summary>
        public bool Usable => string.IsNullOrEmpty(Client.ProxyUrl) || owner.Plane.Fabric.TunnelBetween(owner.Plane.ClusterId, RemoteId);

        /// <summary>Starts the namespaces newly mapped, stops (and queues for cleanup) those no longer mapped.</summary>
        public void Sync(Dictionary<string, string> mappings)
        {
            foreach (var (localNs, reflection) in Namespaces.ToList())
            {
                if (mappings.TryGetValue(localNs, out var remoteNs) && remoteNs == reflection.RemoteNs) continue;
                reflection.Dispose();
                Namespaces.Remove(localNs);
                Cleanups.Add(reflection.RemoteNs);
                owner.Plane.Log($"{owner.Name}: [{RemoteId}] Stopping reflection for remote namespace {reflection.RemoteNs} for local namespace {localNs}");
            }
            foreach (var (localNs, remoteNs) in mappings)
            {
                if (Namespaces.ContainsKey(localNs)) continue;
                Cleanups.Remove(remoteNs);
                var caches = Kinds.ToDictionary(k => k.Key, k => new RemoteObjectCache(owner.Plane, Client, k.Api + remoteNs + "/" + k.Plural,
                    Selector(owner.Plane.ClusterId), () => Usable, $"{owner.Name}: [{RemoteId}]"), StringComparer.Ordinal);
                foreach (var cache in caches.Values) cache.Start();
                Namespaces[localNs] = new NamespaceReflection(localNs, remoteNs, caches);
                owner.Plane.Log($"{owner.Name}: [{RemoteId}] Enabling reflection for remote namespace {remoteNs} for local namespace {localNs}");
            }
        }

        public void Dispose()
        {
            foreach (var ns in Namespaces.Values) ns.Dispose();
            Namespaces.Clear();
            Client.Dispose();
        }
    }

    /// <summary>One local namespace reflected into one remote namespace: the informers on the remote objects.</summary>
    private sealed class NamespaceReflection(string localNs, string remoteNs, Dictionary<string, RemoteObjectCache> caches) : IDisposable
    {
        public string LocalNs { get; } = localNs;
        public string RemoteNs { get; } = remoteNs;
        public Dictionary<string, RemoteObjectCache> Caches { get; } = caches;
        public bool Synced => Caches.Values.All(c => c.Synced);

        public void Dispose()
        {
            foreach (var cache in Caches.Values) cache.Dispose();
        }
    }
}
