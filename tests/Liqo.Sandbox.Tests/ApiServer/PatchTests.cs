using System.Net;
using k8s;
using k8s.Models;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>PATCH: the four formats on built-in kinds, their option checks, and apply's field manager rules.</summary>
public sealed class PatchTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private async Task<string> WithConfigMapAsync(string name = "p")
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "a" } },
            Data = new Dictionary<string, string> { ["a"] = "1" },
        }, ns);
        return ns;
    }

    [Fact]
    public async Task Force_is_only_for_apply_and_apply_needs_a_field_manager()
    {
        var ns = await WithConfigMapAsync();
        var force = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/p?force=true", """{"data":{"b":"2"}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, force.Code);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch", force.Body!["message"]!.GetValue<string>());
        var apply = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/p",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p"},"data":{"b":"2"}}""", "application/apply-patch+yaml");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, apply.Code);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", apply.Body!["message"]!.GetValue<string>());
        var unknown = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/p", "{}", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unknown.Code);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml",
            unknown.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patching_a_missing_object_is_404()
    {
        var ns = await f.NamespaceAsync();
        var (code, body, _) = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/none", "{}", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("configmaps \"none\" not found", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Merge_json_and_strategic_patches_change_the_stored_object()
    {
        var ns = await WithConfigMapAsync();
        var merged = await f.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"b":"2"}}""", V1Patch.PatchType.MergePatch), "p", ns);
        Assert.Equal("2", merged.Data["b"]);
        var json = await f.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"replace","path":"/data/a","value":"9"}]""", V1Patch.PatchType.JsonPatch), "p", ns);
        Assert.Equal("9", json.Data["a"]);
        var smp = await f.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"c":"3"}}""", V1Patch.PatchType.StrategicMergePatch), "p", ns);
        Assert.Equal(["a", "b", "c"], smp.Data.Keys.Order());
        Assert.True(long.Parse(smp.Metadata.ResourceVersion) > long.Parse(merged.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task A_failing_json_patch_test_is_422()
    {
        var ns = await WithConfigMapAsync();
        var (code, body, _) = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/p",
            """[{"op":"test","path":"/data/a","value":"nope"}]""", "application/json-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_resource_version_in_a_patch_is_409()
    {
        var ns = await WithConfigMapAsync();
        var (code, body, _) = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/p",
            """{"metadata":{"resourceVersion":"1"},"data":{"x":"y"}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"p\": the object has been modified; please apply your changes to the latest version and try again",
            body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_side_apply_creates_then_conflicts_with_another_manager()
    {
        var ns = await f.NamespaceAsync();
        var cfg = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ssa"},"data":{"a":"1"}}""";
        var created = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/ssa?fieldManager=one", cfg, "application/apply-patch+yaml");
        Assert.Equal(HttpStatusCode.Created, created.Code);
        Assert.Equal("one", created.Body!["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>());
        var conflict = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/ssa?fieldManager=two",
            cfg.Replace("\"1\"", "\"2\""), "application/apply-patch+yaml");
        Assert.Equal(HttpStatusCode.Conflict, conflict.Code);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"one\": .data.a", conflict.Body!["message"]!.GetValue<string>());
        Assert.Equal("FieldManagerConflict", conflict.Body["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        var forced = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/ssa?fieldManager=two&force=true",
            cfg.Replace("\"1\"", "\"2\""), "application/apply-patch+yaml");
        Assert.Equal(HttpStatusCode.OK, forced.Code);
        Assert.Equal("2", forced.Body!["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Label_selectors_filter_lists()
    {
        var ns = await WithConfigMapAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "q", Labels = new Dictionary<string, string> { ["app"] = "b" } } }, ns);
        var list = await f.Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "app in (b,c)");
        Assert.Equal(["q"], list.Items.Select(i => i.Metadata.Name));
        var bad = await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps?labelSelector=app%3D%3D%3D");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Code);
        var field = await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps?fieldSelector=data.a%3D1");
        Assert.Equal(HttpStatusCode.BadRequest, field.Code);
        Assert.Equal("field label not supported: data.a", field.Body!["message"]!.GetValue<string>());
        var secrets = await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/secrets?fieldSelector=type%3DOpaque");
        Assert.Equal(HttpStatusCode.OK, secrets.Code);
    }
}
