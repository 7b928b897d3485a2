using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;
using static Liqo.Sandbox.Tests.Patch.PatchFixtures;

namespace Liqo.Sandbox.Tests.Patch;

public class StrategicMergePatchTests
{
    private static string[] Names(JsonNode? list, string key = "name") => list!.AsArray().Select(i => (string)i![key]!).ToArray();

    private static void NoDirectives(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    Assert.False(k.StartsWith('$'), $"directive {k} stored at {path}");
                    NoDirectives(v, path + "." + k);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) NoDirectives(a[i], $"{path}[{i}]");
                break;
        }
    }

    [Fact]
    public void KubectlPatchDefaultBodyOnConfigMap()
    {
        // kubectl patch cm cm1 -p '{"data":{"b":"x"}}' sends a strategic merge patch (Appendix A).
        var result = StrategicMergePatch.Apply(ConfigMap(), Obj("""{"data":{"b":"x"}}"""), "", "ConfigMap");
        SameJson("""{"a":"1","b":"x"}""", result["data"]);
        Assert.Equal("demo", (string?)result["metadata"]!["labels"]!["app"]);
    }

    [Fact]
    public void KubectlClientSideApplyOfConfigMap()
    {
        // The exact body kubectl apply -f sends for an existing ConfigMap (Appendix A).
        const string lastApplied = "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"2\"},\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"demo\"},\"name\":\"cm1\",\"namespace\":\"default\"}}\n";
        var patch = new JsonObject
        {
            ["data"] = new JsonObject { ["a"] = "2" },
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = lastApplied } },
        };
        var result = StrategicMergePatch.Apply(ConfigMap(), patch, "", "ConfigMap");
        SameJson("""{"a":"2","b":"2"}""", result["data"]);
        Assert.Equal(lastApplied, (string?)result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Equal("demo", (string?)result["metadata"]!["labels"]!["app"]);
    }

    [Fact]
    public void KubectlClientSideApplyChangesImageWithSetElementOrder()
    {
        var patch = Obj("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
                                         "containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}
            """);
        var result = StrategicMergePatch.Apply(Deployment(), patch, "apps", "Deployment");

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!;
        SameJson("""[{"name":"nginx","image":"nginx:1.26","imagePullPolicy":"IfNotPresent"}]""", containers);
        Assert.False(((JsonObject)result["spec"]!["template"]!["spec"]!).ContainsKey("$setElementOrder/containers"));
        NoDirectives(result);
    }

    [Fact]
    public void SetElementOrderPlacesAnAddedContainerWhereTheManifestHasIt()
    {
        var patch = Obj("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],
                                         "containers":[{"image":"busybox:1.36","name":"sidecar"}]}}}}
            """);
        var result = StrategicMergePatch.Apply(Deployment(), patch, "apps", "Deployment");
        Assert.Equal(new[] { "nginx", "sidecar" }, Names(result["spec"]!["template"]!["spec"]!["containers"]));
    }

    [Fact]
    public void WithoutSetElementOrderAnAddedItemGoesFirstAsOnARealServer()
    {
        var result = StrategicMergePatch.Apply(Deployment(),
            Obj("""{"spec":{"template":{"spec":{"containers":[{"image":"busybox:1.36","name":"sidecar"}]}}}}"""), "apps", "Deployment");
        Assert.Equal(new[] { "sidecar", "nginx" }, Names(result["spec"]!["template"]!["spec"]!["containers"]));
    }

    [Fact]
    public void KubectlClientSideApplyDeletesAContainerAndEditsEnv()
    {
        var patch = Obj("""
            {"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
                     "containers":[{"$setElementOrder/env":[{"name":"A"},{"name":"C"}],
                                    "env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}],
                                    "name":"nginx"},
                                   {"$patch":"delete","name":"sidecar"}]}}
            """);
        var result = StrategicMergePatch.Apply(Pod(), patch, "", "Pod");

        var containers = result["spec"]!["containers"]!;
        Assert.Equal(new[] { "nginx" }, Names(containers));
        SameJson("""[{"name":"A","value":"1"},{"name":"C","value":"3"}]""", containers[0]!["env"]);
        Assert.Equal("nginx:1.25", (string?)containers[0]!["image"]);
        NoDirectives(result);
    }

    [Fact]
    public void MergeKeysPerList()
    {
        var pod = StrategicMergePatch.Apply(Pod(), Obj("""
            {"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":80,"name":"http"}],
                                    "volumeMounts":[{"mountPath":"/data","readOnly":true}],
                                    "env":[{"name":"B","value":"20"}]}],
                     "volumes":[{"name":"data","emptyDir":{"medium":"Memory"}}]},
             "status":{"conditions":[{"type":"Ready","status":"False"}]}}
            """), "", "Pod");
        var nginx = pod["spec"]!["containers"]![0]!;
        SameJson("""[{"containerPort":80,"protocol":"TCP","name":"http"}]""", nginx["ports"]);
        SameJson("""[{"name":"data","mountPath":"/data","readOnly":true}]""", nginx["volumeMounts"]);
        SameJson("""[{"name":"A","value":"1"},{"name":"B","value":"20"}]""", nginx["env"]);
        SameJson("""[{"name":"data","emptyDir":{"medium":"Memory"}}]""", pod["spec"]!["volumes"]);
        SameJson("""[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]""", pod["status"]!["conditions"]);
        Assert.Equal(2, pod["spec"]!["containers"]!.AsArray().Count);

        var svc = StrategicMergePatch.Apply(Service(), Obj("""{"spec":{"ports":[{"port":443,"targetPort":9443}]}}"""), "", "Service");
        SameJson("""[{"name":"http","port":80,"protocol":"TCP","targetPort":8080},{"name":"https","port":443,"protocol":"TCP","targetPort":9443}]""", svc["spec"]!["ports"]);
    }

    [Fact]
    public void ListsWithoutStrategyAreReplaced()
    {
        var pod = StrategicMergePatch.Apply(Pod(), Obj("""
            {"spec":{"tolerations":[{"key":"k9","operator":"Exists"}],
                     "containers":[{"name":"sidecar","args":["sleep","10"]}]}}
            """), "", "Pod");
        SameJson("""[{"key":"k9","operator":"Exists"}]""", pod["spec"]!["tolerations"]);
        SameJson("""["sleep","10"]""", pod["spec"]!["containers"]![1]!["args"]);

        var role = Obj("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"r"},
             "rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]},{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}]}
            """);
        var patched = StrategicMergePatch.Apply(role, Obj("""{"rules":[{"apiGroups":["core.liqo.io"],"resources":["foreignclusters"],"verbs":["list"]}]}"""),
            "rbac.authorization.k8s.io", "ClusterRole");
        SameJson("""[{"apiGroups":["core.liqo.io"],"resources":["foreignclusters"],"verbs":["list"]}]""", patched["rules"]);
    }

    [Fact]
    public void FinalizersAreAMergeSetWithParallelDeletionList()
    {
        var added = StrategicMergePatch.Apply(Pod(), Obj("""{"metadata":{"finalizers":["liqo.io/a","example.com/keep"]}}"""), "", "Pod");
        SameJson("""["liqo.io/a","example.com/keep"]""", added["metadata"]!["finalizers"]);

        var prepended = StrategicMergePatch.Apply(Pod(), Obj("""{"metadata":{"finalizers":["liqo.io/a"]}}"""), "", "Pod");
        SameJson("""["liqo.io/a","example.com/keep"]""", prepended["metadata"]!["finalizers"]);

        var removed = StrategicMergePatch.Apply(added, Obj("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/keep"]}}"""), "", "Pod");
        SameJson("""["liqo.io/a"]""", removed["metadata"]!["finalizers"]);

        var ordered = StrategicMergePatch.Apply(added, Obj("""{"metadata":{"$setElementOrder/finalizers":["example.com/keep","liqo.io/a"]}}"""), "", "Pod");
        SameJson("""["example.com/keep","liqo.io/a"]""", ordered["metadata"]!["finalizers"]);

        var nothingToDelete = StrategicMergePatch.Apply(ConfigMap(), Obj("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}"""), "", "ConfigMap");
        Assert.False(((JsonObject)nothingToDelete["metadata"]!).ContainsKey("finalizers"));
    }

    [Fact]
    public void OwnerReferencesMergeByUid()
    {
        var cm = ConfigMap();
        cm["metadata"]!["ownerReferences"] = Arr("""[{"apiVersion":"v1","kind":"Pod","name":"web","uid":"u1"}]""");
        var result = StrategicMergePatch.Apply(cm, Obj("""
            {"metadata":{"ownerReferences":[{"uid":"u1","controller":true},{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u2"}]}}
            """), "", "ConfigMap");
        SameJson("""[{"apiVersion":"v1","kind":"Pod","name":"web","uid":"u1","controller":true},{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u2"}]""",
            result["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public void PatchReplaceAndDeleteDirectives()
    {
        var replacedMap = StrategicMergePatch.Apply(Deployment(),
            Obj("""{"spec":{"template":{"metadata":{"labels":{"$patch":"replace","tier":"front"}}}}}"""), "apps", "Deployment");
        SameJson("""{"tier":"front"}""", replacedMap["spec"]!["template"]!["metadata"]!["labels"]);

        var deletedMap = StrategicMergePatch.Apply(Deployment(), Obj("""{"spec":{"strategy":{"$patch":"delete"}}}"""), "apps", "Deployment");
        SameJson("{}", deletedMap["spec"]!["strategy"]);

        var replacedList = StrategicMergePatch.Apply(Pod(),
            Obj("""{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"alpine:3"}]}}"""), "", "Pod");
        SameJson("""[{"name":"only","image":"alpine:3"}]""", replacedList["spec"]!["containers"]);
    }

    [Fact]
    public void RetainKeysClearsMembersNotListed()
    {
        // kubectl apply switching a Deployment to Recreate sends $retainKeys for the strategy.
        var recreate = StrategicMergePatch.Apply(Deployment(), Obj("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"""), "apps", "Deployment");
        SameJson("""{"type":"Recreate"}""", recreate["spec"]!["strategy"]);

        var volume = StrategicMergePatch.Apply(Pod(),
            Obj("""{"spec":{"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"name":"data"}]}}"""), "", "Pod");
        SameJson("""[{"name":"data","configMap":{"name":"cfg"}}]""", volume["spec"]!["volumes"]);

        var ex = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(Deployment(),
            Obj("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":{"maxSurge":1}}}}"""), "apps", "Deployment"));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("BadRequest", ex.Reason);
        Assert.Equal("invalid patch format of retainKeys", ex.Message);
    }

    [Fact]
    public void NullDeletesAndDirectivesInAddedValuesAreResolved()
    {
        var result = StrategicMergePatch.Apply(Pod(), Obj("""
            {"metadata":{"labels":{"app":null}},
             "spec":{"restartPolicy":null,
                     "containers":[{"name":"init","image":"busybox",
                                    "$setElementOrder/env":[{"name":"X"}],"env":[{"name":"X","value":"1"},{"$patch":"delete","name":"Y"}]}],
                     "securityContext":{"$retainKeys":["runAsUser"],"runAsUser":1000,"fsGroup":null}}}
            """), "", "Pod");
        SameJson("{}", result["metadata"]!["labels"]);
        Assert.False(((JsonObject)result["spec"]!).ContainsKey("restartPolicy"));
        var init = result["spec"]!["containers"]![0]!;
        Assert.Equal("init", (string?)init["name"]);
        SameJson("""[{"name":"X","value":"1"}]""", init["env"]);
        SameJson("""{"runAsUser":1000}""", result["spec"]!["securityContext"]);
        NoDirectives(result);
    }

    [Fact]
    public void KindsOutsideTheTableMergeObjectsAndReplaceLists()
    {
        var ev = Obj("""{"apiVersion":"v1","kind":"Event","metadata":{"name":"e","finalizers":["a"]},"involvedObject":{"kind":"Pod","name":"web"},"series":{"count":1}}""");
        var result = StrategicMergePatch.Apply(ev, Obj("""{"involvedObject":{"namespace":"default"},"metadata":{"finalizers":["b"]}}"""), "", "Event");
        SameJson("""{"kind":"Pod","name":"web","namespace":"default"}""", result["involvedObject"]);
        SameJson("""["b","a"]""", result["metadata"]!["finalizers"]);
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"image":"x"}]}}""", 500, "", "map: map[image:x] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"$patch":"merge","restartPolicy":"Never"}}""", 500, "", "unknown patch type: merge in map: map[$patch:merge restartPolicy:Never]")]
    [InlineData("""{"spec":{"containers":[{"$patch":"merge"}]}}""", 500, "", "merging lists cannot yet be specified in the patch")]
    [InlineData("""{"spec":{"containers":[{"$patch":"delete"}]}}""", 500, "", "map: map[$patch:delete] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"$setElementOrderContainers":[]}}""", 400, "BadRequest", "invalid patch format of setElementOrder list")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveListFinalizers":["a"]}}""", 400, "BadRequest", "invalid patch format of primitive list")]
    [InlineData("""{"spec":{"$retainKeys":"restartPolicy"}}""", 400, "BadRequest", "invalid patch format of retainKeys")]
    [InlineData("""{"metadata":{"finalizers":[1]}}""", 500, "", "list element types are not identical: [example.com/keep 1]")]
    public void MalformedPatchesFailAsOnARealServer(string patch, int status, string reason, string message)
    {
        var ex = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(Pod(), Obj(patch), "", "Pod"));
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void ListsOfListsAre422()
    {
        var pod = Pod();
        pod["metadata"]!["finalizers"] = new JsonArray();
        var ex = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(pod, Obj("""{"metadata":{"finalizers":[["a"]]}}"""), "", "Pod"));
        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("Invalid", ex.Reason);
        Assert.Equal("the server rejected our request due to an error in our request", ex.Message);
        Assert.Equal("lists of lists are not supported", ex.Detail);
    }

    [Fact]
    public void SetElementOrderContradictingThePatchOrderFails()
    {
        var ex = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(Pod(), Obj("""
            {"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"nginx"}],
                     "containers":[{"name":"nginx","image":"a"},{"name":"sidecar","image":"b"}]}}
            """), "", "Pod"));
        Assert.Equal(500, ex.StatusCode);
        Assert.StartsWith("The order in patch list:\n[map[image:a name:nginx] map[image:b name:sidecar]]\n doesn't match $setElementOrder list:\n", ex.Message);
    }

    [Fact]
    public void InputsAreNotModified()
    {
        var pod = Pod();
        var patch = Obj("""{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"nginx"}],"containers":[{"name":"nginx","$retainKeys":["name","image"],"image":"x"}]}}""");
        var before = J(pod);
        var patchBefore = J(patch);
        var result = StrategicMergePatch.Apply(pod, patch, "", "Pod");
        Assert.Equal(new[] { "sidecar", "nginx" }, Names(result["spec"]!["containers"]));
        SameJson("""{"name":"nginx","image":"x"}""", result["spec"]!["containers"]![1]);
        Assert.Equal(before, J(pod));
        Assert.Equal(patchBefore, J(patch));
    }
}
