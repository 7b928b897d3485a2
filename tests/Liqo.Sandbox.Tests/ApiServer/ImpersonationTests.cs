using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>
/// kube-apiserver's impersonation (Impersonate-User / Impersonate-Group): allowed only with RBAC verb impersonate on the
/// user, each group (and a service account in its namespace), then every request is authorized as the impersonated user;
/// checked with raw HTTP and with the real kubectl 1.32's --as / --as-group.
/// </summary>
public sealed class ImpersonationTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private Task AllowImpersonatingAsync(string who, string resource, params string[] names) =>
        AllowImpersonatingInGroupAsync("", who, resource, names);

    private async Task AllowImpersonatingInGroupAsync(string apiGroup, string who, string resource, params string[] names)
    {
        var role = $"impersonate-{who}-{resource}";
        await f.Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = role },
            Rules = [new V1PolicyRule { ApiGroups = [apiGroup], Resources = [resource], Verbs = ["impersonate"], ResourceNames = names }],
        });
        await f.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = role },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role },
            Subjects = [new Rbacv1Subject { Kind = "User", Name = who, ApiGroup = "rbac.authorization.k8s.io" }],
        });
    }

    private static HttpRequestMessage Get(string path, string? asUser, params string[] groups)
    {
        var req = new HttpRequestMessage(HttpMethod.Get, path);
        if (asUser is not null) req.Headers.Add("Impersonate-User", asUser);
        foreach (var g in groups) req.Headers.Add("Impersonate-Group", g);
        return req;
    }

    private static async Task<(HttpStatusCode Code, string Message)> SendAsync(HttpClient http, HttpRequestMessage req)
    {
        using var res = await http.SendAsync(req);
        var body = JsonNode.Parse(await res.Content.ReadAsStringAsync()) as JsonObject;
        return (res.StatusCode, body?["message"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task A_user_without_the_impersonate_right_is_forbidden_with_the_real_message()
    {
        using var eve = TestHttp.Create(f.Cluster, token: f.Cluster.AddBearerToken("eve", []));
        var (code, message) = await SendAsync(eve, Get("/api/v1/namespaces", "system:admin"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("users \"system:admin\" is forbidden: User \"eve\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", message);
        // a group can't smuggle system:masters in either
        (code, message) = await SendAsync(eve, Get("/api/v1/namespaces", "eve", "system:masters"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.StartsWith("users \"eve\" is forbidden", message);
    }

    [Fact]
    public async Task An_allowed_impersonation_acts_as_the_impersonated_user_and_each_group_needs_its_own_right()
    {
        var ns = await f.NamespaceAsync("imp");
        using var ivan = TestHttp.Create(f.Cluster, token: f.Cluster.AddBearerToken("ivan", []));
        await AllowImpersonatingAsync("ivan", "users", "bob");
        // ivan may act as bob, who has no rights: the request is authorized as bob
        var (code, message) = await SendAsync(ivan, Get($"/api/v1/namespaces/{ns}/configmaps", "bob"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal($"configmaps is forbidden: User \"bob\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"", message);
        // not as anyone else
        (code, message) = await SendAsync(ivan, Get($"/api/v1/namespaces/{ns}/configmaps", "alice"));
        Assert.Equal("users \"alice\" is forbidden: User \"ivan\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", message);
        // a group needs its own right
        (code, message) = await SendAsync(ivan, Get($"/api/v1/namespaces/{ns}/configmaps", "bob", "system:masters"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("groups \"system:masters\" is forbidden: User \"ivan\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope", message);
        await AllowImpersonatingAsync("ivan", "groups", "readers");
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "cm-list" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["list"] }],
        }, ns);
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "readers" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "cm-list" },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = "readers", ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);
        (code, _) = await SendAsync(ivan, Get($"/api/v1/namespaces/{ns}/configmaps", "bob", "readers"));
        Assert.Equal(HttpStatusCode.OK, code);
        // the right of ivan's own is not the impersonated user's: without headers ivan is still forbidden
        (code, _) = await SendAsync(ivan, Get($"/api/v1/namespaces/{ns}/configmaps", null));
        Assert.Equal(HttpStatusCode.Forbidden, code);
    }

    [Fact]
    public async Task Groups_without_a_user_are_refused_and_a_service_account_needs_the_right_in_its_namespace()
    {
        using var sam = TestHttp.Create(f.Cluster, token: f.Cluster.AddBearerToken("sam", []));
        var (code, message) = await SendAsync(sam, Get("/api/v1/namespaces", null, "g1"));
        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("Internal error occurred: requested [{Group  g1    }] without impersonating a user", message);
        (code, message) = await SendAsync(sam, Get("/api/v1/namespaces", "system:serviceaccount:kube-system:builder"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("serviceaccounts \"builder\" is forbidden: User \"sam\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"kube-system\"", message);
    }

    [Fact]
    public async Task The_audit_event_names_the_requestor_and_the_impersonated_user()
    {
        var ns = await f.NamespaceAsync("imp-audit");
        using var ida = TestHttp.Create(f.Cluster, token: f.Cluster.AddBearerToken("ida", []));
        await AllowImpersonatingAsync("ida", "users", "carl");
        await SendAsync(ida, Get($"/api/v1/namespaces/{ns}/secrets", "carl"));
        JsonObject? line = null;
        await TestHttp.EventuallyAsync(async () =>
        {
            line = (await File.ReadAllLinesAsync(f.Cluster.AuditLogPath)).Select(l => JsonNode.Parse(l) as JsonObject)
                .FirstOrDefault(l => l?["requestURI"]?.GetValue<string>() == $"/api/v1/namespaces/{ns}/secrets");
            return line is not null;
        }, "audit line");
        Assert.Equal("ida", line!["user"]!["username"]!.GetValue<string>());
        Assert.Equal("carl", line["impersonatedUser"]!["username"]!.GetValue<string>());
        Assert.Equal(["system:authenticated"], line["impersonatedUser"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [KubectlFact]
    public async Task Kubectl_as_and_as_group_get_what_the_real_server_answers()
    {
        var ns = await f.NamespaceAsync("imp-kubectl");
        var path = f.Cluster.WriteKubeconfig(Path.Combine(f.Directory, "kate.kubeconfig"), "kate", [], KubeconfigAuth.Token);
        var kubectl = new Kubectl(path);
        var (code, _, stderr) = await kubectl.RunAsync("--as", "dan", "get", "configmaps", "-n", ns);
        Assert.Equal(1, code);
        // every request is refused, discovery first: kubectl 1.32 prints the 403 of its discovery client without its text
        Assert.True(stderr.Contains("Error from server (Forbidden)", StringComparison.Ordinal), stderr);

        await AllowImpersonatingAsync("kate", "users", "dan");
        (code, _, stderr) = await kubectl.RunAsync("--as", "dan", "get", "configmaps", "-n", ns);
        Assert.Equal(1, code);
        Assert.True(stderr.Contains($"User \"dan\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"", StringComparison.Ordinal), stderr);

        (code, _, stderr) = await kubectl.RunAsync("--as", "dan", "--as-group", "system:masters", "get", "configmaps", "-n", ns);
        Assert.Equal(1, code);
        Assert.True(stderr.Contains("Error from server (Forbidden)", StringComparison.Ordinal), stderr);
        Assert.DoesNotContain("configmaps", stderr);

        // the admin (system:masters) may impersonate anyone, and then has only that user's rights
        var admin = new Kubectl(f.Cluster.KubeconfigPath);
        (code, _, stderr) = await admin.RunAsync("--as", "dan", "get", "secrets", "-n", ns);
        Assert.Equal(1, code);
        Assert.True(stderr.Contains($"User \"dan\" cannot list resource \"secrets\"", StringComparison.Ordinal), stderr);
    }

    [Fact]
    public async Task A_uid_needs_the_impersonate_right_on_uids_and_a_user()
    {
        using var una = TestHttp.Create(f.Cluster, token: f.Cluster.AddBearerToken("una", []));
        await AllowImpersonatingAsync("una", "users", "dan");
        var withUid = Get("/api/v1/namespaces/default/configmaps", "dan");
        withUid.Headers.Add("Impersonate-Uid", "uid-1234");
        var (code, message) = await SendAsync(una, withUid);
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("uids.authentication.k8s.io \"uid-1234\" is forbidden: User \"una\" cannot impersonate resource \"uids\" in API group \"authentication.k8s.io\" at the cluster scope", message);

        await AllowImpersonatingInGroupAsync("authentication.k8s.io", "una", "uids", "uid-1234");
        withUid = Get("/api/v1/namespaces/default/configmaps", "dan");
        withUid.Headers.Add("Impersonate-Uid", "uid-1234");
        (code, message) = await SendAsync(una, withUid);
        Assert.Equal(HttpStatusCode.Forbidden, code); // now as dan, who may not list configmaps
        Assert.StartsWith("configmaps is forbidden: User \"dan\" cannot list resource \"configmaps\"", message);

        // a uid without a user: the real server's 500
        var uidOnly = Get("/api/v1/namespaces", null);
        uidOnly.Headers.Add("Impersonate-Uid", "uid-1234");
        (code, message) = await SendAsync(una, uidOnly);
        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Contains("requested [{UID  uid-1234    }] without impersonating a user", message);
    }

    [KubectlFact]
    public async Task Kubectl_as_uid_gets_what_the_real_server_answers()
    {
        var path = f.Cluster.WriteKubeconfig(Path.Combine(f.Directory, "uma.kubeconfig"), "uma", [], KubeconfigAuth.Token);
        var kubectl = new Kubectl(path);
        await AllowImpersonatingAsync("uma", "users", "dan");
        var (code, _, stderr) = await kubectl.RunAsync("--as", "dan", "--as-uid", "uid-42", "get", "--raw", "/api/v1/namespaces/default/configmaps");
        Assert.Equal(1, code);
        Assert.True(stderr.Contains("User \"uma\" cannot impersonate resource \"uids\" in API group \"authentication.k8s.io\"", StringComparison.Ordinal), stderr);

        await AllowImpersonatingInGroupAsync("authentication.k8s.io", "uma", "uids", "uid-42");
        (code, _, stderr) = await kubectl.RunAsync("--as", "dan", "--as-uid", "uid-42", "get", "--raw", "/api/v1/namespaces/default/configmaps");
        Assert.Equal(1, code);
        Assert.True(stderr.Contains("User \"dan\" cannot list resource \"configmaps\"", StringComparison.Ordinal), stderr);
    }
}
