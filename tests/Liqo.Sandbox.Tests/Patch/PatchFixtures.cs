using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Tests.Patch;

/// <summary>Realistic objects, as a real API server stores and returns them, for the patch engine tests.</summary>
internal static class PatchFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 17, 45, 25, TimeSpan.Zero);
    public static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    public static readonly DateTimeOffset T2 = T0.AddMinutes(2);

    public static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static JsonArray Arr(string json) => (JsonArray)JsonNode.Parse(json)!;

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON of a node as the API server writes it (quotes in strings as \", not \u0022).</summary>
    public static string J(JsonNode? node) => node?.ToJsonString(Relaxed) ?? "null";

    /// <summary>Asserts two JSON documents are equal, ignoring object member order.</summary>
    public static void SameJson(string expected, JsonNode? actual)
    {
        var e = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(e, actual), $"expected {e?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
    }

    public static JsonObject ConfigMap() => Obj("""
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"cm1","namespace":"default","uid":"6b0b7f5e-3c1e-4d52-9f0e-0c6a2b8f1a11","resourceVersion":"107",
                     "creationTimestamp":"2026-11-28T17:40:00Z","labels":{"app":"demo"}},
         "data":{"a":"1","b":"2"}}
        """);

    public static JsonObject Pod() => Obj("""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web","namespace":"default","uid":"0d0c3c8e-1111-4b1e-9d3a-5d7c0f4e2a22","resourceVersion":"200",
                     "labels":{"app":"web"},"finalizers":["example.com/keep"]},
         "spec":{"containers":[
                   {"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}],
                    "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                    "volumeMounts":[{"name":"data","mountPath":"/data"}]},
                   {"name":"sidecar","image":"busybox:1.36","args":["sleep","3600"]}],
                 "volumes":[{"name":"data","emptyDir":{}}],
                 "tolerations":[{"key":"k1","operator":"Exists"}],
                 "restartPolicy":"Always"},
         "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]}}
        """);

    public static JsonObject Service() => Obj("""
        {"apiVersion":"v1","kind":"Service",
         "metadata":{"name":"web","namespace":"default","resourceVersion":"300"},
         "spec":{"type":"ClusterIP","clusterIP":"10.96.0.20","selector":{"app":"web"},
                 "ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080},
                          {"name":"https","port":443,"protocol":"TCP","targetPort":8443}]}}
        """);

    public static JsonObject Deployment() => Obj("""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","resourceVersion":"400","generation":1,
                     "annotations":{"deployment.kubernetes.io/revision":"1"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                             "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","imagePullPolicy":"IfNotPresent"}],
                                     "restartPolicy":"Always","dnsPolicy":"ClusterFirst"}}}}
        """);

    public static JsonObject ForeignCluster() => Obj("""
        {"apiVersion":"core.liqo.io/v1beta1","kind":"ForeignCluster",
         "metadata":{"name":"remote1","uid":"1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9","resourceVersion":"109",
                     "creationTimestamp":"2026-11-28T17:40:00Z","labels":{"liqo.io/remote-cluster-id":"remote1"}},
         "spec":{"clusterID":"remote1"},
         "status":{"role":"Provider","apiServerUrl":"https://127.0.0.1:6443",
                   "conditions":[{"type":"APIServerStatus","status":"Established"}]}}
        """);

    /// <summary>No list-map keys anywhere: how a CRD like ForeignCluster looks to server-side apply.</summary>
    public static IReadOnlyList<string>? NoListMaps(string path) => null;
}
