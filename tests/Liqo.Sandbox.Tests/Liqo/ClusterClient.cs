using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>A Liqo custom resource kind as a client addresses it.</summary>
public sealed record Cr(string Group, string Version, string Plural, bool Namespaced = true)
{
    public static readonly Cr Configuration = new("networking.liqo.io", "v1beta1", "configurations");
    public static readonly Cr GatewayServer = new("networking.liqo.io", "v1beta1", "gatewayservers");
    public static readonly Cr GatewayClient = new("networking.liqo.io", "v1beta1", "gatewayclients");
    public static readonly Cr PublicKey = new("networking.liqo.io", "v1beta1", "publickeies");
    public static readonly Cr Connection = new("networking.liqo.io", "v1beta1", "connections");
    public static readonly Cr WgServerTemplate = new("networking.liqo.io", "v1beta1", "wggatewayservertemplates");
    public static readonly Cr WgClientTemplate = new("networking.liqo.io", "v1beta1", "wggatewayclienttemplates");
    public static readonly Cr Tenant = new("authentication.liqo.io", "v1beta1", "tenants");
    public static readonly Cr Identity = new("authentication.liqo.io", "v1beta1", "identities");
    public static readonly Cr ResourceSlice = new("authentication.liqo.io", "v1beta1", "resourceslices");
    public static readonly Cr VirtualNode = new("offloading.liqo.io", "v1beta1", "virtualnodes");
    public static readonly Cr Quota = new("offloading.liqo.io", "v1beta1", "quotas");
    public static readonly Cr Network = new("ipam.liqo.io", "v1alpha1", "networks");
    public static readonly Cr Ip = new("ipam.liqo.io", "v1alpha1", "ips");
    public static readonly Cr ForeignCluster = new("core.liqo.io", "v1beta1", "foreignclusters", Namespaced: false);

    public string ApiVersion => Group + "/" + Version;
}

/// <summary>
/// A cluster as a plain Kubernetes client sees it: KubernetesClient over HTTPS with the cluster's admin kubeconfig, with
/// JSON helpers for Liqo's custom resources. No module code, no sandbox internals.
/// </summary>
public sealed class ClusterClient(string kubeconfigPath) : IDisposable
{
    public Kubernetes K { get; } = new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));

    private static JsonObject ToJson(object o) => JsonNode.Parse(o is JsonElement e ? e.GetRawText() : KubernetesJson.Serialize(o))!.AsObject();

    public async Task<JsonObject> CreateAsync(Cr kind, string? ns, JsonObject body)
    {
        body["apiVersion"] ??= kind.ApiVersion;
        var result = kind.Namespaced
            ? await K.CustomObjects.CreateNamespacedCustomObjectAsync(body, kind.Group, kind.Version, ns, kind.Plural)
            : await K.CustomObjects.CreateClusterCustomObjectAsync(body, kind.Group, kind.Version, kind.Plural);
        return ToJson(result);
    }

    public async Task<JsonObject?> GetAsync(Cr kind, string? ns, string name)
    {
        try
        {
            var result = kind.Namespaced
                ? await K.CustomObjects.GetNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name)
                : await K.CustomObjects.GetClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name);
            return ToJson(result);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<List<JsonObject>> ListAsync(Cr kind, string? ns = null, string? labelSelector = null)
    {
        var result = kind.Namespaced && ns is not null
            ? await K.CustomObjects.ListNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, labelSelector: labelSelector)
            : await K.CustomObjects.ListClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, labelSelector: labelSelector);
        return ToJson(result)["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    public async Task<JsonObject> ReplaceAsync(Cr kind, JsonObject obj)
    {
        var name = Str(obj, "metadata", "name")!;
        var result = kind.Namespaced
            ? await K.CustomObjects.ReplaceNamespacedCustomObjectAsync(obj, kind.Group, kind.Version, Str(obj, "metadata", "namespace"), kind.Plural, name)
            : await K.CustomObjects.ReplaceClusterCustomObjectAsync(obj, kind.Group, kind.Version, kind.Plural, name);
        return ToJson(result);
    }

    /// <summary>Deletes; false when it was not there.</summary>
    public async Task<bool> DeleteAsync(Cr kind, string? ns, string name)
    {
        try
        {
            if (kind.Namespaced) await K.CustomObjects.DeleteNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name);
            else await K.CustomObjects.DeleteClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The cluster ID, as liqoctl reads it: the one ConfigMap labelled app.kubernetes.io/name=clusterid-configmap in liqo.</summary>
    public async Task<string> ClusterIdAsync()
    {
        var list = await K.CoreV1.ListNamespacedConfigMapAsync("liqo", labelSelector: "app.kubernetes.io/name in (clusterid-configmap)");
        return Assert.Single(list.Items).Data["CLUSTER_ID"];
    }

    public static string? Str(JsonObject? o, params string[] path)
    {
        JsonNode? cur = o;
        foreach (var p in path)
        {
            if (cur is not JsonObject co || !co.TryGetPropertyValue(p, out cur)) return null;
        }
        return cur is JsonValue v && v.TryGetValue<string>(out var s) ? s : cur?.ToJsonString();
    }

    public static JsonNode? At(JsonObject? o, params string[] path)
    {
        JsonNode? cur = o;
        foreach (var p in path)
        {
            if (cur is not JsonObject co || !co.TryGetPropertyValue(p, out cur)) return null;
        }
        return cur;
    }

    /// <summary>status of the condition of a type (status.conditions).</summary>
    public static string? Condition(JsonObject? o, string type, params string[] conditionsPath)
    {
        var path = conditionsPath.Length == 0 ? ["status", "conditions"] : conditionsPath;
        return (At(o, path) as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Str(c, "type") == type) is { } c ? Str(c, "status") : null;
    }

    public void Dispose() => K.Dispose();
}
