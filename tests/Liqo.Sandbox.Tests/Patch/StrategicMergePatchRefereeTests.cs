using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;
using static Liqo.Sandbox.Tests.Patch.PatchFixtures;

namespace Liqo.Sandbox.Tests.Patch;

/// <summary>The strategic merge patch engine against the real kubectl 1.32's (same apimachinery code the API server runs).</summary>
public class StrategicMergePatchRefereeTests
{
    private static readonly (string Kind, string Patch)[] Cases =
    [
        ("Pod", """{"spec":{"containers":[{"name":"nginx","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}]}]}}"""),
        ("Pod", """{"spec":{"containers":[{"name":"sidecar","image":"b"},{"name":"nginx","image":"n"},{"name":"new","image":"x"}]}}"""),
        ("Pod", """{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"x"},{"name":"nginx"}],"containers":[{"name":"x","image":"x"}]}}"""),
        ("Pod", """{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"$patch":"delete","name":"sidecar"},{"name":"nginx","$setElementOrder/env":[{"name":"C"},{"name":"A"}],"env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}]}]}}"""),
        ("Pod", """{"metadata":{"finalizers":["b","example.com/keep","a"]},"status":{"conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"False"}]}}"""),
        ("Pod", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/keep"],"finalizers":["z"]},"spec":{"tolerations":[{"operator":"Exists"}]}}"""),
        ("Pod", """{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"o"}],"volumes":[{"$retainKeys":["name","secret"],"name":"data","secret":{"secretName":"s"}}]}}"""),
        ("Deployment", """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},"template":{"metadata":{"labels":{"$patch":"replace","tier":"f"}}}}}"""),
        ("Deployment", """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],"containers":[{"name":"nginx","image":"nginx:1.26"},{"name":"sidecar","image":"busybox"}]}}}}"""),
        ("Service", """{"spec":{"ports":[{"port":8443,"name":"alt"},{"port":443,"targetPort":9443}],"selector":{"tier":"f","app":null}}}"""),
        ("Pod", """{"spec":{"containers":[{"image":"x"}]}}"""),
        ("Pod", """{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"nginx"}],"containers":[{"name":"nginx","image":"a"},{"name":"sidecar","image":"b"}]}}"""),
    ];

    [KubectlRefereeFact]
    public void SameResultsAndErrorsAsKubectl()
    {
        var mismatches = new List<string>();
        foreach (var (kind, patchText) in Cases)
        {
            var target = kind switch { "Pod" => Pod(), "Deployment" => Deployment(), _ => Service() };
            var group = kind == "Deployment" ? "apps" : "";
            var (expected, error) = KubectlReferee.StrategicPatch(target, Obj(patchText));
            string actual;
            try
            {
                actual = J(Normalize(StrategicMergePatch.Apply(target, Obj(patchText), group, kind)));
            }
            catch (PatchException e)
            {
                actual = ("error: " + e.Message).TrimEnd();
            }
            var wanted = expected is null ? error : J(Normalize(expected));
            if (!Equivalent(wanted, actual)) mismatches.Add($"{kind} {patchText}\n  kubectl: {wanted}\n  sandbox: {actual}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static bool Equivalent(string a, string b) =>
        a == b || (a.StartsWith('{') && b.StartsWith('{') && JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b)));

    /// <summary>kubectl prints the typed object: drops the null creationTimestamps it adds.</summary>
    private static JsonObject Normalize(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                if (o.TryGetPropertyValue("creationTimestamp", out var ts) && ts is null) o.Remove("creationTimestamp");
                foreach (var (_, v) in o.ToList()) Strip(v);
            }
            else if (node is JsonArray a)
            {
                foreach (var v in a) Strip(v);
            }
        }
    }
}
