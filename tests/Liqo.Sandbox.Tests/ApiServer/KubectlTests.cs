using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>The real kubectl 1.32 against the sandbox: output, request flows and error texts as against a real server.</summary>
public sealed class KubectlTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private Kubectl K() => new(f.Cluster.KubeconfigPath);

    private string File(string name, string content)
    {
        var path = Path.Combine(f.Directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private async Task EnsureCrdAsync()
    {
        if ((await f.Raw.GetJsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.sandbox.example.com")).Code == HttpStatusCode.NotFound)
        {
            var (code, _, err) = await K().RunAsync("apply", "-f", File("crd.yaml", TestCrd.Yaml));
            Assert.True(code == 0, err);
        }
        var wait = await K().RunAsync("wait", "--for=condition=Established", "crd/widgets.sandbox.example.com", "--timeout=10s");
        Assert.True(wait.Code == 0, wait.Err);
    }

    private static string[] Rows(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Cells(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [KubectlFact]
    public async Task Version_reports_the_server_as_1_32()
    {
        var (code, stdout, stderr) = await K().RunAsync("version", "-o", "json");
        Assert.True(code == 0, stderr);
        var v = JsonNode.Parse(stdout)!;
        Assert.Equal("32", v["serverVersion"]!["minor"]!.GetValue<string>());
    }

    [KubectlFact]
    public async Task Get_prints_server_side_tables_and_json_and_yaml()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "two", Labels = new Dictionary<string, string> { ["app"] = "demo" } },
            Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
        }, ns);
        var (code, table, err) = await K().RunAsync("get", "configmaps", "-n", ns);
        Assert.True(code == 0, err);
        var rows = Rows(table);
        Assert.Equal(["NAME", "DATA", "AGE"], Cells(rows[0]));
        Assert.Equal(["kube-root-ca.crt", "1"], Cells(rows[1])[..2]);
        Assert.Equal(["two", "2"], Cells(rows[2])[..2]);

        var labels = await K().RunAsync("get", "cm", "two", "-n", ns, "--show-labels");
        Assert.Equal("app=demo", Cells(Rows(labels.Out)[1])[^1]);

        var json = await K().RunAsync("get", "cm", "two", "-n", ns, "-o", "json");
        Assert.Equal("2", JsonNode.Parse(json.Out)!["data"]!["b"]!.GetValue<string>());
        var yaml = await K().RunAsync("get", "cm", "two", "-n", ns, "-o", "yaml");
        Assert.Contains("kind: ConfigMap", yaml.Out);
        Assert.Contains($"namespace: {ns}", yaml.Out);
        var ns2 = await K().RunAsync("get", "ns", ns);
        Assert.Equal(["NAME", "STATUS", "AGE"], Cells(Rows(ns2.Out)[0]));
        Assert.Equal("Active", Cells(Rows(ns2.Out)[1])[1]);
    }

    [KubectlFact]
    public async Task Custom_resources_print_their_columns_and_wide_adds_priority_columns()
    {
        await EnsureCrdAsync();
        var ns = await f.NamespaceAsync();
        var (code, _, err) = await K().RunAsync("create", "-n", ns, "-f", File("w.yaml", $"""
            apiVersion: {TestCrd.ApiVersion}
            kind: Widget
            metadata: {"{"}name: w1{"}"}
            spec: {"{"}color: green, size: 4{"}"}
            """));
        Assert.True(code == 0, err);
        var (_, table, _) = await K().RunAsync("get", "wd", "-n", ns);
        Assert.Equal(["NAME", "COLOR", "PHASE", "AGE"], Cells(Rows(table)[0]));
        Assert.Equal(["w1", "green"], Cells(Rows(table)[1])[..2]);
        var (_, wide, _) = await K().RunAsync("get", "widgets.sandbox.example.com", "-n", ns, "-o", "wide");
        Assert.Equal(["NAME", "COLOR", "PHASE", "SIZE", "AGE"], Cells(Rows(wide)[0]));
        var (_, all, _) = await K().RunAsync("get", "sandbox", "-n", ns, "-o", "name");
        Assert.Equal("widget.sandbox.example.com/w1", all.Trim());
    }

    [KubectlFact]
    public async Task Create_apply_and_server_side_apply_work_with_default_validation()
    {
        var ns = await f.NamespaceAsync();
        var path = File("cm-apply.yaml", $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cm1
              namespace: {ns}
              labels: {"{"}app: demo{"}"}
            data:
              a: "1"
            """);
        var created = await K().RunAsync("create", "-f", path);
        Assert.True(created.Code == 0, created.Err);
        Assert.Equal("configmap/cm1 created", created.Out.Trim());
        var again = await K().RunAsync("create", "-f", path);
        Assert.Equal(1, again.Code);
        Assert.Equal($"Error from server (AlreadyExists): error when creating \"{path}\": configmaps \"cm1\" already exists", again.Err.Trim());

        var applied = await K().RunAsync("apply", "-f", path.Replace("cm-apply", "cm-apply"));
        Assert.True(applied.Code == 0, applied.Err);
        Assert.Equal("configmap/cm1 configured", applied.Out.Trim());
        System.IO.File.WriteAllText(path, System.IO.File.ReadAllText(path).Replace("a: \"1\"", "a: \"2\""));
        var reapplied = await K().RunAsync("apply", "-f", path);
        Assert.True(reapplied.Code == 0, reapplied.Err);
        var cm = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("cm1", ns);
        Assert.Equal("2", cm.Data["a"]);
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", cm.Metadata.Annotations.Keys);
        Assert.DoesNotContain(cm.Data.Keys, k => k.StartsWith('$'));

        var ssa = await K().RunAsync("apply", "--server-side", "-f", path);
        Assert.True(ssa.Code == 0, ssa.Err);
        Assert.Equal("configmap/cm1 serverside-applied", ssa.Out.Trim());
    }

    [KubectlFact]
    public async Task Patch_label_annotate_on_custom_resources_and_the_415_for_strategic_merge()
    {
        await EnsureCrdAsync();
        var ns = await f.NamespaceAsync();
        await f.Raw.PostJsonAsync($"/apis/{TestCrd.ApiVersion}/namespaces/{ns}/widgets", TestCrd.Widget("p1", ns));
        var merge = await K().RunAsync("patch", "wd", "p1", "-n", ns, "--type", "merge", "-p", """{"spec":{"color":"blue"}}""");
        Assert.True(merge.Code == 0, merge.Err);
        Assert.Equal("widget.sandbox.example.com/p1 patched", merge.Out.Trim());
        var json = await K().RunAsync("patch", "wd", "p1", "-n", ns, "--type", "json", "-p", """[{"op":"replace","path":"/spec/size","value":7}]""");
        Assert.True(json.Code == 0, json.Err);
        var smp = await K().RunAsync("patch", "wd", "p1", "-n", ns, "-p", """{"spec":{"color":"red"}}""");
        Assert.Equal(1, smp.Code);
        Assert.Equal("error: application/strategic-merge-patch+json is not supported by sandbox.example.com/v1alpha1, Kind=Widget: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            smp.Err.Trim());
        var label = await K().RunAsync("label", "wd", "p1", "-n", ns, "tier=gold");
        Assert.Equal("widget.sandbox.example.com/p1 labeled", label.Out.Trim());
        var annotate = await K().RunAsync("annotate", "wd", "p1", "-n", ns, "note=hello");
        Assert.Equal("widget.sandbox.example.com/p1 annotated", annotate.Out.Trim());
        var status = await K().RunAsync("patch", "wd", "p1", "-n", ns, "--subresource", "status", "--type", "merge", "-p", """{"status":{"phase":"Ready"},"spec":{"color":"green"}}""");
        Assert.True(status.Code == 0, status.Err);
        var (_, w, _) = await f.Raw.GetJsonAsync($"/apis/{TestCrd.ApiVersion}/namespaces/{ns}/widgets/p1");
        Assert.Equal("blue", w!["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(7, w["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("Ready", w["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("gold", w["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Equal("hello", w["metadata"]!["annotations"]!["note"]!.GetValue<string>());
        var cmLabel = await K().RunAsync("label", "cm", "kube-root-ca.crt", "-n", ns, "x=y");
        Assert.Equal("configmap/kube-root-ca.crt labeled", cmLabel.Out.Trim());
    }

    [KubectlFact]
    public async Task Delete_waits_for_objects_and_namespaces_to_go()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "gone" } }, ns);
        var del = await K().RunAsync("delete", "cm", "gone", "-n", ns);
        Assert.True(del.Code == 0, del.Err);
        Assert.Equal("configmap \"gone\" deleted", del.Out.Trim());
        var sw = Stopwatch.StartNew();
        var delNs = await K().RunAsync("delete", "namespace", ns, "--timeout=30s");
        Assert.True(delNs.Code == 0, delNs.Err);
        Assert.Equal($"namespace \"{ns}\" deleted", delNs.Out.Trim());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), sw.Elapsed.ToString());
        var get = await K().RunAsync("get", "ns", ns);
        Assert.Equal($"Error from server (NotFound): namespaces \"{ns}\" not found", get.Err.Trim());
    }

    [KubectlFact]
    public async Task Wait_for_a_condition_is_about_the_named_object_only()
    {
        await EnsureCrdAsync();
        var ns = await f.NamespaceAsync();
        foreach (var n in new[] { "a", "b" })
            await f.Raw.PostJsonAsync($"/apis/{TestCrd.ApiVersion}/namespaces/{ns}/widgets", TestCrd.Widget(n, ns));
        var ready = """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""";
        var patched = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/apis/{TestCrd.ApiVersion}/namespaces/{ns}/widgets/b/status", ready, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.Code);

        var notMet = await K().RunAsync("wait", "--for=condition=Ready", "wd/a", "-n", ns, "--timeout=2s");
        Assert.Equal(1, notMet.Code);
        Assert.Equal("error: timed out waiting for the condition on widgets/a", notMet.Err.Trim());

        var waiting = K().RunAsync("wait", "--for=condition=Ready", "wd/a", "-n", ns, "--timeout=20s");
        await Task.Delay(500);
        await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/apis/{TestCrd.ApiVersion}/namespaces/{ns}/widgets/a/status", ready, "application/merge-patch+json");
        var met = await waiting;
        Assert.True(met.Code == 0, met.Err);
        Assert.Equal("widget.sandbox.example.com/a condition met", met.Out.Trim());
    }

    [KubectlFact]
    public async Task Get_watch_keeps_the_table_header()
    {
        var ns = await f.NamespaceAsync();
        using var p = K().Start("get", "configmaps", "-n", ns, "-w");
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (await p.StandardOutput.ReadLineAsync() is { } line)
                lock (lines) lines.Add(line);
        });
        await TestHttp.EventuallyAsync(() => Task.FromResult(lines.Count >= 2), "initial table");
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "watched" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" },
        }, ns);
        await TestHttp.EventuallyAsync(() => Task.FromResult(lines.Any(l => l.StartsWith("watched", StringComparison.Ordinal))), "watched row");
        p.Kill(entireProcessTree: true);
        await reader.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["NAME", "DATA", "AGE"], Cells(lines[0]));
        var row = Cells(lines.Single(l => l.StartsWith("watched", StringComparison.Ordinal)));
        Assert.Equal(["watched", "3"], row[..2]);
        Assert.Equal(3, row.Length);
    }

    [KubectlFact]
    public async Task Auth_can_i_answers_for_an_rbac_limited_user()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "reader" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get", "list", "watch"] }],
        }, ns);
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "erin-reads" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "reader" },
            Subjects = [new Rbacv1Subject { Kind = "User", Name = "erin", ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);
        var kubeconfig = f.Cluster.WriteKubeconfig(Path.Combine(f.Directory, "erin.kubeconfig"), "erin", ["staff"]);
        var erin = new Kubectl(kubeconfig);
        var no = await erin.RunAsync("auth", "can-i", "list", "namespaces");
        Assert.Equal(1, no.Code);
        Assert.True("no" == no.Out.Trim(), no.Out + "|" + no.Err);
        var yes = await erin.RunAsync("auth", "can-i", "list", "configmaps", "-n", ns);
        Assert.Equal(0, yes.Code);
        Assert.Equal("yes", yes.Out.Trim());
        var forbidden = await erin.RunAsync("get", "namespaces");
        Assert.Equal(1, forbidden.Code);
        Assert.Equal("Error from server (Forbidden): namespaces is forbidden: User \"erin\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope",
            forbidden.Err.Trim());
        var tokenConfig = f.Cluster.WriteKubeconfig(Path.Combine(f.Directory, "erin-token.kubeconfig"), "erin", ["staff"], KubeconfigAuth.Token);
        var byToken = await new Kubectl(tokenConfig).RunAsync("get", "cm", "-n", ns, "-o", "name");
        Assert.True(byToken.Code == 0, byToken.Err);
        Assert.Equal("configmap/kube-root-ca.crt", byToken.Out.Trim());
    }

    [KubectlFact]
    public async Task Typed_create_commands_that_send_protobuf_work()
    {
        var ns = $"typed-{Guid.NewGuid():N}"[..14];
        Assert.Equal($"namespace/{ns} created", (await K().RunAsync("create", "namespace", ns)).Out.Trim());
        var cm = await K().RunAsync("create", "configmap", "c", "-n", ns, "--from-literal=a=b");
        Assert.True(cm.Code == 0, cm.Err);
        var secret = await K().RunAsync("create", "secret", "generic", "s", "-n", ns, "--from-literal=p=q");
        Assert.True(secret.Code == 0, secret.Err);
        Assert.Equal(0, (await K().RunAsync("create", "serviceaccount", "bot", "-n", ns)).Code);
        Assert.Equal(0, (await K().RunAsync("create", "role", "r", "-n", ns, "--verb=get,list", "--resource=configmaps")).Code);
        Assert.Equal(0, (await K().RunAsync("create", "rolebinding", "rb", "-n", ns, "--role=r", "--serviceaccount=" + ns + ":bot")).Code);
        Assert.Equal("b", (await f.Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns)).Data["a"]);
        Assert.Equal("q", System.Text.Encoding.UTF8.GetString((await f.Client.CoreV1.ReadNamespacedSecretAsync("s", ns)).Data["p"]));
        var rb = await f.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("rb", ns);
        Assert.Equal("r", rb.RoleRef.Name);
        Assert.Equal(("ServiceAccount", "bot", ns), (rb.Subjects[0].Kind, rb.Subjects[0].Name, rb.Subjects[0].NamespaceProperty));
        var role = await f.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("r", ns);
        Assert.Equal(["get", "list"], role.Rules[0].Verbs);
    }

    [KubectlFact]
    public async Task Errors_read_as_against_a_real_server()
    {
        var ns = await f.NamespaceAsync();
        var notFound = await K().RunAsync("get", "cm", "nope", "-n", ns);
        Assert.Equal(1, notFound.Code);
        Assert.Equal("Error from server (NotFound): configmaps \"nope\" not found", notFound.Err.Trim());

        var cm = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "stale" } }, ns);
        var path = File("stale.json", $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"stale","namespace":"{{{ns}}}","resourceVersion":"{{{cm.Metadata.ResourceVersion}}}"},"data":{"x":"1"}}""");
        cm.Data = new Dictionary<string, string> { ["y"] = "2" };
        await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "stale", ns);
        var conflict = await K().RunAsync("replace", "-f", path);
        Assert.Equal(1, conflict.Code);
        Assert.Equal($"Error from server (Conflict): error when replacing \"{path}\": Operation cannot be fulfilled on configmaps \"stale\": the object has been modified; please apply your changes to the latest version and try again",
            conflict.Err.Trim());

        var invalid = await K().RunAsync("create", "-n", ns, "-f", File("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n"));
        Assert.Equal(1, invalid.Code);
        Assert.Equal("The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            invalid.Err.Trim());
    }
}
