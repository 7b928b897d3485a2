using System.Net;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>CRDs as real objects (establishment, discovery, deletion) and custom resources (schema, status split, 422/415).</summary>
public sealed class CustomResourceTests(ClusterFixture f) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private const string Base = "/apis/sandbox.example.com/v1alpha1";

    public async Task InitializeAsync()
    {
        var existing = await f.Raw.GetJsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.sandbox.example.com");
        if (existing.Code == HttpStatusCode.NotFound)
        {
            var (code, body, _) = await f.Raw.PostJsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrd.Json);
            Assert.True(code == HttpStatusCode.Created, body?.ToJsonString());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_created_crd_is_established_and_served_by_discovery()
    {
        var (_, crd, _) = await f.Raw.GetJsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.sandbox.example.com");
        var conditions = crd!["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "NamesAccepted" && c["reason"]!.GetValue<string>() == "NoConflicts");
        Assert.Equal("widgets", crd["status"]!["acceptedNames"]!["plural"]!.GetValue<string>());
        Assert.Equal("v1alpha1", crd["status"]!["storedVersions"]![0]!.GetValue<string>());

        var (_, list, _) = await f.Raw.GetJsonAsync(Base);
        var widgets = list!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "widgets")!;
        Assert.Equal("wd", widgets["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("sandbox", widgets["categories"]![0]!.GetValue<string>());
        Assert.True(widgets["namespaced"]!.GetValue<bool>());
        Assert.Contains(list["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "widgets/status");
        var (_, agg, _) = await f.Raw.GetJsonAsync("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        Assert.Contains(agg!["items"]!.AsArray(), i => i!["metadata"]!["name"]!.GetValue<string>() == TestCrd.Group);
        var (_, openapi, _) = await f.Raw.GetJsonAsync("/openapi/v3");
        Assert.NotNull(openapi!["paths"]!["apis/sandbox.example.com/v1alpha1"]);
    }

    [Fact]
    public async Task Custom_resources_are_defaulted_status_is_dropped_on_create_and_list_items_keep_their_kind()
    {
        var ns = await f.NamespaceAsync();
        var (code, w, _) = await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets",
            TestCrd.Widget("w1", ns).Replace("}}", "},\"status\":{\"phase\":\"Ready\"}}"));
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(1, w!["spec"]!["size"]!.GetValue<int>());
        Assert.Null(w["status"]);
        Assert.Equal(1, w["metadata"]!["generation"]!.GetValue<int>());
        var (_, list, _) = await f.Raw.GetJsonAsync($"{Base}/namespaces/{ns}/widgets");
        Assert.Equal("WidgetList", list!["kind"]!.GetValue<string>());
        Assert.Equal("Widget", list["items"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(TestCrd.ApiVersion, list["items"]![0]!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_without_resource_version_is_422_and_strategic_merge_is_415()
    {
        var ns = await f.NamespaceAsync();
        await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets", TestCrd.Widget("w2", ns));
        var put = await f.Raw.SendJsonAsync(HttpMethod.Put, $"{Base}/namespaces/{ns}/widgets/w2", TestCrd.Widget("w2", ns, "green"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.Code);
        Assert.Equal("Widget.sandbox.example.com \"w2\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update",
            put.Body!["message"]!.GetValue<string>());
        var smp = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"{Base}/namespaces/{ns}/widgets/w2", """{"spec":{"color":"blue"}}""", "application/strategic-merge-patch+json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, smp.Code);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            smp.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_is_split_from_the_main_resource_and_generation_follows_the_spec_only()
    {
        var ns = await f.NamespaceAsync();
        var (_, w, _) = await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets", TestCrd.Widget("w3", ns));
        w!["status"] = new JsonObject { ["phase"] = "Ready" };
        var (_, afterStatus, _) = await f.Raw.SendJsonAsync(HttpMethod.Put, $"{Base}/namespaces/{ns}/widgets/w3/status", w.ToJsonString());
        Assert.Equal("Ready", afterStatus!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(1, afterStatus["metadata"]!["generation"]!.GetValue<int>());

        afterStatus["status"]!["phase"] = "Broken";
        afterStatus["spec"]!["color"] = "blue";
        afterStatus["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        var (_, main, _) = await f.Raw.SendJsonAsync(HttpMethod.Put, $"{Base}/namespaces/{ns}/widgets/w3", afterStatus.ToJsonString());
        Assert.Equal("Ready", main!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("blue", main["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(2, main["metadata"]!["generation"]!.GetValue<int>());

        main["spec"]!["color"] = "red";
        main["metadata"]!["labels"] = new JsonObject { ["a"] = "changed" };
        main["status"]!["phase"] = "Done";
        var (_, viaStatus, _) = await f.Raw.SendJsonAsync(HttpMethod.Put, $"{Base}/namespaces/{ns}/widgets/w3/status", main.ToJsonString());
        Assert.Equal("Done", viaStatus!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("blue", viaStatus["spec"]!["color"]!.GetValue<string>());
        Assert.Equal("b", viaStatus["metadata"]!["labels"]!["a"]!.GetValue<string>());
        Assert.Equal(2, viaStatus["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_fields_warn_by_default_and_fail_when_strict_and_schema_errors_are_422()
    {
        var ns = await f.NamespaceAsync();
        var (code, w, res) = await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets", TestCrd.Widget("w4", ns, extraSpec: ",\"foo\":1"));
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Null(w!["spec"]!["foo"]);
        Assert.Equal("299 - \"unknown field \\\"spec.foo\\\"\"", res.Headers.GetValues("Warning").Single());
        var strict = await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets?fieldValidation=Strict", TestCrd.Widget("w5", ns, extraSpec: ",\"foo\":1"));
        Assert.Equal(HttpStatusCode.BadRequest, strict.Code);
        Assert.Equal("Widget in version \"v1alpha1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.foo\"",
            strict.Body!["message"]!.GetValue<string>());
        var invalid = await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets", TestCrd.Widget("w6", ns, "pink"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Code);
        Assert.Equal("Widget.sandbox.example.com \"w6\" is invalid: spec.color: Unsupported value: \"pink\": supported values: \"red\", \"green\", \"blue\"",
            invalid.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Field_selectors_on_custom_resources_support_only_metadata_fields()
    {
        var ns = await f.NamespaceAsync();
        await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets", TestCrd.Widget("a", ns));
        await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets", TestCrd.Widget("b", ns));
        var (_, one, _) = await f.Raw.GetJsonAsync($"{Base}/namespaces/{ns}/widgets?fieldSelector=metadata.name%3Db");
        Assert.Equal(["b"], one!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        var (code, body, _) = await f.Raw.GetJsonAsync($"{Base}/namespaces/{ns}/widgets?fieldSelector=spec.color%3Dred");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("field label not supported: spec.color", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tables_use_the_crd_printer_columns()
    {
        var ns = await f.NamespaceAsync();
        await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/widgets", TestCrd.Widget("t", ns));
        var (_, table, _) = await f.Raw.GetJsonAsync($"{Base}/namespaces/{ns}/widgets",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");
        Assert.Equal("Table", table!["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Color", "Phase", "Size", "Age"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("t", table["rows"]![0]!["cells"]![0]!.GetValue<string>());
        Assert.Equal("red", table["rows"]![0]!["cells"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_crd_deletes_its_resources_and_unserves_it()
    {
        var crd = TestCrd.Json.Replace("widgets", "gadgets").Replace("\"Widget\"", "\"Gadget\"").Replace("\"widget\"", "\"gadget\"").Replace("[\"wd\"]", "[\"gd\"]");
        var (created, _, _) = await f.Raw.PostJsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        Assert.Equal(HttpStatusCode.Created, created);
        var ns = await f.NamespaceAsync();
        var (made, _, _) = await f.Raw.PostJsonAsync($"{Base}/namespaces/{ns}/gadgets",
            TestCrd.Widget("g", ns).Replace("\"Widget\"", "\"Gadget\""));
        Assert.Equal(HttpStatusCode.Created, made);
        var del = await f.Raw.SendJsonAsync(HttpMethod.Delete, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.sandbox.example.com");
        Assert.Equal(HttpStatusCode.OK, del.Code);
        Assert.NotNull(del.Body!["metadata"]!["deletionTimestamp"]);
        await TestHttp.EventuallyAsync(async () =>
            (await f.Raw.GetJsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.sandbox.example.com")).Code == HttpStatusCode.NotFound, "CRD gone");
        Assert.Equal(HttpStatusCode.NotFound, (await f.Raw.GetJsonAsync($"{Base}/namespaces/{ns}/gadgets")).Code);
        Assert.Equal(HttpStatusCode.OK, (await f.Raw.GetJsonAsync($"{Base}/namespaces/{ns}/widgets")).Code);
    }

    [Fact]
    public async Task Invalid_crds_are_rejected_with_422()
    {
        var bad = TestCrd.Json.Replace("\"name\": \"widgets.sandbox.example.com\"", "\"name\": \"wrong.sandbox.example.com\"");
        var (code, body, _) = await f.Raw.PostJsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("CustomResourceDefinition.apiextensions.k8s.io \"wrong.sandbox.example.com\" is invalid: metadata.name: Invalid value: \"wrong.sandbox.example.com\": must be spec.names.plural+\".\"+spec.group",
            body!["message"]!.GetValue<string>());
    }
}
