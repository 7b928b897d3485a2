using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Create, get, list, update and delete through KubernetesClient 21.0.8 and raw HTTP, with the real server's answers.</summary>
public sealed class CrudTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private static V1ConfigMap Cm(string name, Dictionary<string, string>? data = null, Dictionary<string, string>? labels = null) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Data = data ?? new() { ["k"] = "v" } };

    private static JsonObject Status(HttpOperationException e) => (JsonObject)JsonNode.Parse(e.Response.Content)!;

    [Fact]
    public async Task Create_sets_server_metadata_and_one_global_resource_version()
    {
        var ns = await f.NamespaceAsync();
        var before = f.Cluster.Store.ResourceVersion;
        var a = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), ns);
        var s = await f.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["p"] = "hi" } }, ns);

        Assert.True(Guid.TryParse(a.Metadata.Uid, out _));
        Assert.Equal(ns, a.Metadata.NamespaceProperty);
        Assert.True(long.Parse(a.ResourceVersion()) > before);
        Assert.True(long.Parse(s.ResourceVersion()) > long.Parse(a.ResourceVersion()));
        Assert.Null(a.Metadata.Generation);
        Assert.Equal("Opaque", s.Type);
        Assert.Null(s.StringData);
        Assert.Equal("hi", System.Text.Encoding.UTF8.GetString(s.Data["p"]));

        var raw = await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps/a");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", raw.Body!["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("ConfigMap", raw.Body["kind"]!.GetValue<string>());
        Assert.Equal("application/json", raw.Response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task List_items_of_built_in_kinds_carry_no_kind_and_the_list_rv_is_the_current_one()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("b"), ns);
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), ns);
        var raw = await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps");
        Assert.Equal("ConfigMapList", raw.Body!["kind"]!.GetValue<string>());
        var items = raw.Body["items"]!.AsArray();
        Assert.Equal(["a", "b", "kube-root-ca.crt"], items.Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Null(i!["kind"]));
        Assert.All(items, i => Assert.Null(i!["apiVersion"]));
        Assert.Equal(f.Cluster.Store.ResourceVersion.ToString(), raw.Body["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_twice_is_409_AlreadyExists_with_the_real_message()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("dup"), ns);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("dup"), ns));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        var st = Status(e);
        Assert.Equal("configmaps \"dup\" already exists", st["message"]!.GetValue<string>());
        Assert.Equal("AlreadyExists", st["reason"]!.GetValue<string>());
        Assert.Equal("configmaps", st["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_missing_is_404_with_the_real_status()
    {
        var ns = await f.NamespaceAsync();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.ReadNamespacedConfigMapAsync("nope", ns));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        var st = Status(e);
        Assert.Equal("configmaps \"nope\" not found", st["message"]!.GetValue<string>());
        Assert.Equal("Failure", st["status"]!.GetValue<string>());
        Assert.Equal(404, st["code"]!.GetValue<int>());
        Assert.Equal("nope", st["details"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stale_update_is_409_Conflict_with_the_real_message_and_unconditional_update_works_for_configmaps()
    {
        var ns = await f.NamespaceAsync();
        var cm = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("c"), ns);
        var stale = cm.Metadata.ResourceVersion;
        cm.Data["k"] = "v2";
        var updated = await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", ns);
        Assert.NotEqual(stale, updated.Metadata.ResourceVersion);

        cm.Metadata.ResourceVersion = stale;
        cm.Data["k"] = "v3";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", ns));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again",
            Status(e)["message"]!.GetValue<string>());

        cm.Metadata.ResourceVersion = null;
        var unconditional = await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", ns);
        Assert.Equal("v3", unconditional.Data["k"]);
    }

    [Fact]
    public async Task A_no_op_update_keeps_the_resource_version()
    {
        var ns = await f.NamespaceAsync();
        var cm = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("same"), ns);
        var again = await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "same", ns);
        Assert.Equal(cm.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task GenerateName_appends_five_characters_from_the_real_alphabet()
    {
        var ns = await f.NamespaceAsync();
        var created = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = new string('x', 70) } }, ns);
        Assert.Matches("^x{58}[bcdfghjklmnpqrstvwxz2456789]{5}$", created.Metadata.Name);
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404_namespace_not_found()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("x"), "no-such-ns"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Equal("namespaces \"no-such-ns\" not found", Status(e)["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_names_and_labels_are_422_with_the_real_field_errors()
    {
        var ns = await f.NamespaceAsync();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("Bad_Name", labels: new() { ["ok"] = "bad value" }), ns));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        var msg = Status(e)["message"]!.GetValue<string>();
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid: [metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of", msg);
        Assert.Contains("metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters", msg);
        Assert.Equal("Invalid", Status(e)["reason"]!.GetValue<string>());
        Assert.Equal("ConfigMap", Status(e)["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resource_version_on_create_is_a_500_without_reason()
    {
        var ns = await f.NamespaceAsync();
        var (code, body, _) = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps",
            """{"metadata":{"name":"rv","resourceVersion":"5"}}""");
        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("resourceVersion should not be set on objects to be created", body!["message"]!.GetValue<string>());
        Assert.Null(body["reason"]);
    }

    [Fact]
    public async Task Namespace_mismatch_between_url_and_body_is_400()
    {
        var ns = await f.NamespaceAsync();
        var (code, body, _) = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"m","namespace":"other"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("the namespace of the provided object does not match the namespace sent on the request", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_without_finalizers_answers_a_success_status_with_details()
    {
        var ns = await f.NamespaceAsync();
        var cm = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("d"), ns);
        var (code, body, _) = await f.Raw.SendJsonAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/d", """{"propagationPolicy":"Background"}""");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Success", body!["status"]!.GetValue<string>());
        Assert.Equal("configmaps", body["details"]!["kind"]!.GetValue<string>());
        Assert.Equal(cm.Metadata.Uid, body["details"]!["uid"]!.GetValue<string>());
        var again = await f.Raw.SendJsonAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/d");
        Assert.Equal(HttpStatusCode.NotFound, again.Code);
    }

    [Fact]
    public async Task Service_gets_its_defaults_and_a_cluster_ip()
    {
        var ns = await f.NamespaceAsync();
        var svc = await f.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = "web" } },
        }, ns);
        Assert.Equal("ClusterIP", svc.Spec.Type);
        Assert.Matches(@"^10\.9[6-9]\.\d+\.\d+$", svc.Spec.ClusterIP);
        Assert.Equal("None", svc.Spec.SessionAffinity);
        Assert.Equal("TCP", svc.Spec.Ports[0].Protocol);
        Assert.Equal("80", svc.Spec.Ports[0].TargetPort.Value);
        var kubernetes = await f.Client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default");
        Assert.Equal("10.96.0.1", kubernetes.Spec.ClusterIP);
    }

    [Fact]
    public async Task A_fresh_cluster_has_the_usual_namespaces_and_seeds_each_namespace()
    {
        var names = (await f.Client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ToList();
        Assert.Contains("default", names);
        Assert.Contains("kube-system", names);
        Assert.Contains("kube-public", names);
        Assert.Contains("kube-node-lease", names);
        var ns = await f.NamespaceAsync();
        var created = await f.Client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Equal(ns, created.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal(["kubernetes"], created.Spec.Finalizers);
        Assert.Equal("Active", created.Status.Phase);
        await f.Client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns);
        var ca = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", ns);
        Assert.Equal(f.Cluster.CaCertificatePem, ca.Data["ca.crt"]);
    }

    [Fact]
    public async Task Kube_system_uid_is_stable_for_a_cluster_name()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("sbx-uid-").FullName;
        await using var other = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "test", Directory = dir });
        var a = f.Cluster.Store.Get(f.Cluster.Store.Types.Get("v1", "Namespace"), null, "kube-system");
        var b = other.Store.Get(other.Store.Types.Get("v1", "Namespace"), null, "kube-system");
        Assert.Equal(a["metadata"]!["uid"]!.GetValue<string>(), b["metadata"]!["uid"]!.GetValue<string>());
        Assert.NotEqual(a["metadata"]!["uid"]!.GetValue<string>(),
            f.Cluster.Store.Get(f.Cluster.Store.Types.Get("v1", "Namespace"), null, "default")["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deployment_generation_moves_only_with_the_spec()
    {
        var ns = await f.NamespaceAsync();
        var d = await f.Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx:1.27" }] },
                },
            },
        }, ns);
        Assert.Equal(1, d.Metadata.Generation);
        Assert.Equal(1, d.Spec.Replicas);
        d.Metadata.Labels = new Dictionary<string, string> { ["x"] = "y" };
        d = await f.Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", ns);
        Assert.Equal(1, d.Metadata.Generation);
        d.Spec.Replicas = 3;
        d = await f.Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", ns);
        Assert.Equal(2, d.Metadata.Generation);
    }

    [Fact]
    public async Task Unknown_fields_are_dropped_with_a_warning_by_default_and_rejected_when_strict()
    {
        var ns = await f.NamespaceAsync();
        var (code, body, res) = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"w"},"dta":{"a":"b"}}""");
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Null(body!["dta"]);
        Assert.Equal("299 - \"unknown field \\\"dta\\\"\"", res.Headers.GetValues("Warning").Single());
        var strict = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Strict", """{"metadata":{"name":"w2"},"dta":{"a":"b"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, strict.Code);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"dta\"",
            strict.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Over_http2_the_csharp_client_works_too()
    {
        using var h2 = TestHttp.Create(f.Cluster, f.Cluster.IssueClientCertificate("h2", ["system:masters"]), version: HttpVersion.Version20);
        var (code, _, res) = await h2.GetJsonAsync("/api/v1/namespaces");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpVersion.Version20, res.Version);
    }

    [Fact]
    public async Task List_with_limit_pages_with_continue_tokens()
    {
        var ns = await f.NamespaceAsync();
        for (var i = 0; i < 5; i++) await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm($"p{i}"), ns);
        var names = new List<string>();
        string? cont = null;
        var pages = 0;
        do
        {
            var page = await f.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: cont);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            cont = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(cont));
        Assert.Equal(3, pages);
        Assert.Equal(["kube-root-ca.crt", "p0", "p1", "p2", "p3", "p4"], names.Order());
    }

    [Fact]
    public async Task Discovery_and_version_answer_like_kubernetes_1_32()
    {
        var version = await f.Client.Version.GetCodeAsync();
        Assert.Equal("1", version.Major);
        Assert.Equal("32", version.Minor);
        var (_, agg, res) = await f.Raw.GetJsonAsync("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", res.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        Assert.Equal("APIGroupDiscoveryList", agg!["kind"]!.GetValue<string>());
        Assert.Contains(agg["items"]!.AsArray(), i => i!["metadata"]!["name"]!.GetValue<string>() == "apps");
        var (_, legacy, _) = await f.Raw.GetJsonAsync("/api/v1");
        var cms = legacy!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "configmaps")!;
        Assert.Equal("cm", cms["shortNames"]![0]!.GetValue<string>());
        Assert.Contains(legacy["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "namespaces/finalize");
        var (missing, body, _) = await f.Raw.GetJsonAsync("/apis/nope.example.com/v1");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("the server could not find the requested resource", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unsupported_verbs_are_405()
    {
        var (code, body, _) = await f.Raw.GetJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, code);
        Assert.Equal("the server does not allow this method on the requested resource", body!["message"]!.GetValue<string>());
    }
}
