using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Authentication (client certificates, bearer tokens, 401), RBAC from stored roles (403 messages) and the audit log.</summary>
public sealed class SecurityTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Anonymous_requests_get_401_unauthorized_but_version_is_public()
    {
        using var anon = TestHttp.Create(f.Cluster);
        var (code, body, _) = await anon.GetJsonAsync("/api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Unauthorized, code);
        Assert.Equal("Unauthorized", body!["message"]!.GetValue<string>());
        Assert.Equal("Unauthorized", body["reason"]!.GetValue<string>());
        Assert.Equal(401, body["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await anon.GetJsonAsync("/version")).Code);
    }

    [Fact]
    public async Task Unknown_tokens_and_foreign_certificates_are_401()
    {
        using var badToken = TestHttp.Create(f.Cluster, token: "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badToken.GetJsonAsync("/api/v1/namespaces")).Code);

        var dir = Directory.CreateTempSubdirectory("sbx-other-").FullName;
        await using var other = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "other", Directory = dir });
        using var foreign = TestHttp.Create(f.Cluster, other.IssueClientCertificate("mallory", ["system:masters"]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await foreign.GetJsonAsync("/api/v1/namespaces")).Code);
    }

    [Fact]
    public async Task Token_and_certificate_kubeconfigs_work_with_the_csharp_client_rsa_too()
    {
        var tokenPath = f.Cluster.WriteKubeconfig(Path.Combine(f.Directory, "tok.kubeconfig"), "tok-admin", ["system:masters"], KubeconfigAuth.Token);
        using var byToken = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(tokenPath));
        Assert.NotEmpty((await byToken.CoreV1.ListNamespaceAsync()).Items);

        var rsa = f.Cluster.IssueClientCertificate("rsa-admin", ["system:masters"], ClientKeyAlgorithm.Rsa2048);
        using var http = TestHttp.Create(f.Cluster, rsa);
        Assert.Equal(HttpStatusCode.OK, (await http.GetJsonAsync("/api/v1/namespaces")).Code);
        Assert.Contains("BEGIN PRIVATE KEY", rsa.PrivateKeyPem);
    }

    [Fact]
    public async Task Rbac_denies_with_the_real_message_and_allows_what_roles_grant()
    {
        var ns = await f.NamespaceAsync();
        var other = await f.NamespaceAsync();
        var token = f.Cluster.AddBearerToken("alice", ["dev"]);
        using var alice = TestHttp.Create(f.Cluster, token: token);

        var (code, body, _) = await alice.GetJsonAsync("/api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("namespaces is forbidden: User \"alice\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope",
            body!["message"]!.GetValue<string>());
        Assert.Equal("Forbidden", body["reason"]!.GetValue<string>());

        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "cm-reader" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get", "list"] }],
        }, ns);
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "devs-read" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "cm-reader" },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = "dev", ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);

        Assert.Equal(HttpStatusCode.OK, (await alice.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps")).Code);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps/kube-root-ca.crt")).Code);
        var denied = await alice.GetJsonAsync($"/api/v1/namespaces/{other}/configmaps/kube-root-ca.crt");
        Assert.Equal(HttpStatusCode.Forbidden, denied.Code);
        Assert.Equal($"configmaps \"kube-root-ca.crt\" is forbidden: User \"alice\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"{other}\"",
            denied.Body!["message"]!.GetValue<string>());
        var write = await alice.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"x"}}""");
        Assert.Equal(HttpStatusCode.Forbidden, write.Code);
        Assert.Equal("configmaps is forbidden: User \"alice\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"" + ns + "\"",
            write.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resource_names_and_subresources_are_honoured_and_get_can_be_allowed_where_list_is_not()
    {
        var ns = await f.NamespaceAsync();
        var token = f.Cluster.AddBearerToken("bob", []);
        using var bob = TestHttp.Create(f.Cluster, token: token);
        await f.Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = $"ns-getter-{ns}" },
            Rules =
            [
                new V1PolicyRule { ApiGroups = [""], Resources = ["namespaces"], Verbs = ["get"], ResourceNames = [ns] },
                new V1PolicyRule { ApiGroups = [""], Resources = ["namespaces/status"], Verbs = ["update"] },
            ],
        });
        await f.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = $"bob-{ns}" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = $"ns-getter-{ns}" },
            Subjects = [new Rbacv1Subject { Kind = "User", Name = "bob", ApiGroup = "rbac.authorization.k8s.io" }],
        });
        Assert.Equal(HttpStatusCode.OK, (await bob.GetJsonAsync($"/api/v1/namespaces/{ns}")).Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetJsonAsync("/api/v1/namespaces/default")).Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetJsonAsync("/api/v1/namespaces")).Code);
        var status = await bob.SendJsonAsync(HttpMethod.Put, "/api/v1/namespaces/default/status", """{"metadata":{"name":"default"}}""");
        Assert.Equal(HttpStatusCode.OK, status.Code);
        var patch = await bob.SendJsonAsync(HttpMethod.Patch, "/api/v1/namespaces/default/status", "{}", "application/merge-patch+json");
        Assert.Equal("namespaces \"default\" is forbidden: User \"bob\" cannot patch resource \"namespaces/status\" in API group \"\" in the namespace \"default\"",
            patch.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rbac_prevents_escalation_through_roles_and_bindings()
    {
        var ns = await f.NamespaceAsync();
        var token = f.Cluster.AddBearerToken("frank", ["ops"]);
        using var frank = TestHttp.Create(f.Cluster, token: token);
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "role-admin" },
            Rules =
            [
                new V1PolicyRule { ApiGroups = ["rbac.authorization.k8s.io"], Resources = ["roles", "rolebindings"], Verbs = ["create", "get"] },
                new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get", "list"] },
            ],
        }, ns);
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "frank-role-admin" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "role-admin" },
            Subjects = [new Rbacv1Subject { Kind = "User", Name = "frank", ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);

        var held = await frank.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles",
            """{"metadata":{"name":"cm-get"},"rules":[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"]}]}""");
        Assert.Equal(HttpStatusCode.Created, held.Code);
        var escalating = await frank.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles",
            """{"metadata":{"name":"secrets"},"rules":[{"apiGroups":[""],"resources":["secrets","configmaps"],"verbs":["get","delete"]}]}""");
        Assert.Equal(HttpStatusCode.Forbidden, escalating.Code);
        Assert.Equal("roles.rbac.authorization.k8s.io \"secrets\" is forbidden: user \"frank\" (groups=[\"ops\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n" +
            "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"delete\"]}\n{APIGroups:[\"\"], Resources:[\"configmaps\"], Verbs:[\"delete\"]}",
            escalating.Body!["message"]!.GetValue<string>());

        var bindAdmin = await frank.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings",
            """{"metadata":{"name":"me-admin"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"frank","apiGroup":"rbac.authorization.k8s.io"}]}""");
        Assert.Equal(HttpStatusCode.Forbidden, bindAdmin.Code);
        var bindHeld = await frank.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings",
            """{"metadata":{"name":"others-get"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"cm-get"},"subjects":[{"kind":"User","name":"gina","apiGroup":"rbac.authorization.k8s.io"}]}""");
        Assert.Equal(HttpStatusCode.Created, bindHeld.Code);
    }

    [Fact]
    public async Task Service_account_subjects_match_service_account_users()
    {
        var ns = await f.NamespaceAsync();
        var token = f.Cluster.AddBearerToken($"system:serviceaccount:{ns}:robot", ["system:serviceaccounts", $"system:serviceaccounts:{ns}"]);
        using var robot = TestHttp.Create(f.Cluster, token: token);
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "robot-admin" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cluster-admin" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "robot", NamespaceProperty = ns }],
        }, ns);
        Assert.Equal(HttpStatusCode.OK, (await robot.GetJsonAsync($"/api/v1/namespaces/{ns}/secrets")).Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await robot.GetJsonAsync("/api/v1/namespaces/default/secrets")).Code);
    }

    [Fact]
    public async Task Self_subject_access_review_answers_from_rbac()
    {
        var token = f.Cluster.AddBearerToken("carol", []);
        using var carol = TestHttp.Create(f.Cluster, token: token);
        var (code, body, _) = await carol.PostJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"verb":"list","resource":"namespaces"}}}""");
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.False(body!["status"]!["allowed"]!.GetValue<bool>());
        var admin = await f.Raw.PostJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            """{"spec":{"resourceAttributes":{"verb":"list","resource":"namespaces"}}}""");
        Assert.True(admin.Body!["status"]!["allowed"]!.GetValue<bool>());
        var discovery = await carol.PostJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            """{"spec":{"nonResourceAttributes":{"verb":"get","path":"/apis/apps"}}}""");
        Assert.True(discovery.Body!["status"]!["allowed"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await carol.GetJsonAsync("/apis")).Code);
    }

    [Fact]
    public async Task Every_request_gets_one_audit_line_without_credentials()
    {
        var token = f.Cluster.AddBearerToken("dave", ["auditors"]);
        using var dave = TestHttp.Create(f.Cluster, token: token);
        var marker = await f.NamespaceAsync("audit");
        await dave.GetJsonAsync($"/api/v1/namespaces/{marker}/configmaps/nope");
        await f.Raw.SendJsonAsync(HttpMethod.Put, $"/api/v1/namespaces/{marker}/status", "{\"metadata\":{\"name\":\"" + marker + "\"}}");
        JsonObject? denied = null, status = null;
        await TestHttp.EventuallyAsync(async () =>
        {
            var lines = await ReadLinesAsync(f.Cluster.AuditLogPath);
            denied = lines.FirstOrDefault(l => Str(l, "requestURI") == $"/api/v1/namespaces/{marker}/configmaps/nope");
            status = lines.FirstOrDefault(l => Str(l, "requestURI") == $"/api/v1/namespaces/{marker}/status");
            return denied is not null && status is not null;
        }, "audit lines");
        Assert.Equal("audit.k8s.io/v1", Str(denied!, "apiVersion"));
        Assert.Equal("Event", Str(denied!, "kind"));
        Assert.Equal("ResponseComplete", Str(denied!, "stage"));
        Assert.Equal("get", Str(denied!, "verb"));
        Assert.Equal("dave", denied!["user"]!["username"]!.GetValue<string>());
        Assert.Contains("auditors", denied["user"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal(403, denied["responseStatus"]!["code"]!.GetValue<int>());
        Assert.Equal("configmaps", denied["objectRef"]!["resource"]!.GetValue<string>());
        Assert.Equal(marker, denied["objectRef"]!["namespace"]!.GetValue<string>());
        Assert.Equal("nope", denied["objectRef"]!["name"]!.GetValue<string>());
        Assert.Equal("v1", denied["objectRef"]!["apiVersion"]!.GetValue<string>());
        Assert.Null(denied["objectRef"]!["apiGroup"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", Str(denied, "requestReceivedTimestamp")!);
        Assert.NotNull(Str(denied, "stageTimestamp"));
        Assert.NotNull(Str(denied, "auditID"));
        Assert.Equal("127.0.0.1", denied["sourceIPs"]![0]!.GetValue<string>());
        Assert.Equal("update", Str(status!, "verb"));
        Assert.Equal("status", status!["objectRef"]!["subresource"]!.GetValue<string>());
        Assert.Equal(200, status["responseStatus"]!["code"]!.GetValue<int>());
        var text = await File.ReadAllTextAsync(f.Cluster.AuditLogPath);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain("PRIVATE KEY", text);
    }

    [Fact]
    public async Task A_create_is_audited_with_the_name_from_its_body_but_a_generated_name_is_not()
    {
        var ns = await f.NamespaceAsync("audit-create");
        await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps", "{\"metadata\":{\"name\":\"named\"}}");
        await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps", "{\"metadata\":{\"generateName\":\"gen-\"}}");
        List<JsonObject> creates = [];
        await TestHttp.EventuallyAsync(async () =>
        {
            creates = (await ReadLinesAsync(f.Cluster.AuditLogPath))
                .Where(l => Str(l, "verb") == "create" && Str(l, "requestURI") == $"/api/v1/namespaces/{ns}/configmaps").ToList();
            return creates.Count == 2;
        }, "audit lines of both creates");
        // the lines may land in either order
        var named = Assert.Single(creates, c => c["objectRef"]!["name"]?.GetValue<string>() == "named");
        Assert.Equal(ns, named["objectRef"]!["namespace"]!.GetValue<string>());
        Assert.Single(creates, c => c["objectRef"]!["name"] is null);
    }

    private static string? Str(JsonObject o, string name) => o[name]?.GetValue<string>();

    private static async Task<List<JsonObject>> ReadLinesAsync(string path)
    {
        await using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var r = new StreamReader(s);
        var text = await r.ReadToEndAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
    }

    [Fact]
    public void Certificate_requests_are_signed_for_rsa_ecdsa_and_ed25519_keys()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create();
        var req = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=peer,O=liqo", ec, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var cert = f.Cluster.SignCertificateRequest(req.CreateSigningRequest(), TimeSpan.FromDays(1));
        Assert.Equal("CN=peer, O=liqo", cert.Subject);
        Assert.Equal(f.Cluster.CaCertificatePem, System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(f.Cluster.CaCertificatePem).ExportCertificatePem());
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(f.Cluster.CaCertificatePem));
        chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
        Assert.True(chain.Build(cert));

        // An Ed25519 CSR (fixed test vector: key and request built for this test, CN=ed-peer, O=liqo).
        var ed = Ed25519Csr.Build("ed-peer", "liqo");
        using var edCert = f.Cluster.SignCertificateRequest(ed, TimeSpan.FromDays(1));
        Assert.Equal("CN=ed-peer, O=liqo", edCert.Subject);
        Assert.Equal("1.3.101.112", edCert.PublicKey.Oid.Value);
        Assert.True(chain.Build(edCert));
    }
}
