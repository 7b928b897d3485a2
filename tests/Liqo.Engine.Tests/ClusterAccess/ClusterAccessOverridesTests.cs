using System.Text.RegularExpressions;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Tests.ClusterAccess;

/// <summary>kubectl's access flags (--server, --token, --as, --cluster, ...) on top of a kubeconfig, against sandbox API servers.</summary>
public sealed class ClusterAccessOverridesTests(SandboxFixture fx) : IClassFixture<SandboxFixture>
{
    private const string Ns = "liqo-overrides";

    private string Server => fx.Alpha.Server.ToString().TrimEnd('/');

    private string CaFile()
    {
        var path = Path.Combine(fx.Directory, "alpha-ca.crt");
        File.WriteAllText(path, fx.Alpha.CaCertificatePem);
        return path;
    }

    /// <summary>No kubeconfig anywhere: $KUBECONFIG names a missing file and the home directory has none.</summary>
    private KubeconfigSource Nothing(ClusterAccessOverrides overrides) =>
        new(null, null, null, Ns)
        {
            EnvironmentKubeconfig = Path.Combine(fx.Directory, "missing.kubeconfig"),
            HomeDirectory = Directory.CreateTempSubdirectory("liqo-home-").FullName,
            Overrides = overrides,
        };

    private async Task InstallAsync()
    {
        using var admin = SandboxFixture.Connect(fx.Alpha, Ns);
        if (await admin.Api.GetAsync(Engine.Resources.Kinds.ConfigMap, Ns, "liqo-clusterid-configmap", default) is not null) return;
        await SandboxFixture.InstallClusterIdAsync(admin, Ns, "alpha-overrides");
    }

    [Fact]
    public async Task ServerAndTokenWorkWithoutAnyKubeconfig()
    {
        await InstallAsync();
        var token = fx.Alpha.AddBearerToken("token-admin", ["system:masters"]);
        using var c = ClusterConnection.Open(Nothing(new() { Server = Server, Token = token, CertificateAuthority = CaFile() }));
        Assert.Equal("alpha-overrides", await ClusterId.ReadAsync(c, default));
        Assert.Equal(Server, c.Server);
    }

    [Fact]
    public async Task WithoutAKubeconfigOrServerTheErrorIsStillKubeconfigNotFound()
    {
        var e = Assert.Throws<LiqoException>(() => ClusterConnection.Open(Nothing(ClusterAccessOverrides.None)));
        Assert.Equal(ErrorIds.KubeconfigNotFound, e.ErrorId);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task TlsVerificationStaysOnUnlessAskedOff()
    {
        await InstallAsync();
        var token = fx.Alpha.AddBearerToken("tls-admin", ["system:masters"]);
        using var verified = ClusterConnection.Open(Nothing(new() { Server = Server, Token = token }));
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(verified, default));
        Assert.Equal(ErrorIds.TlsVerificationFailed, e.ErrorId);
        using var insecure = ClusterConnection.Open(Nothing(new() { Server = Server, Token = token, InsecureSkipTlsVerify = true }));
        Assert.Equal("alpha-overrides", await ClusterId.ReadAsync(insecure, default));
    }

    [Fact]
    public async Task ACertificateAuthorityReplacesTheKubeconfigs()
    {
        await InstallAsync();
        // the kubeconfig trusts beta's CA: alpha's server fails, unless -CertificateAuthority gives alpha's
        var alpha = await File.ReadAllTextAsync(fx.Alpha.KubeconfigPath);
        var beta = await File.ReadAllTextAsync(fx.Beta.KubeconfigPath);
        static string Ca(string k) => Regex.Match(k, @"certificate-authority-data:\s*(\S+)").Groups[1].Value;
        var mixed = alpha.Replace(Ca(alpha), Ca(beta));
        using var wrongCa = ClusterConnection.Open(new KubeconfigSource(null, mixed, null, Ns));
        Assert.Equal(ErrorIds.TlsVerificationFailed, (await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(wrongCa, default))).ErrorId);
        using var rightCa = ClusterConnection.Open(new KubeconfigSource(null, mixed, null, Ns) { Overrides = new() { CertificateAuthority = CaFile() } });
        Assert.Equal("alpha-overrides", await ClusterId.ReadAsync(rightCa, default));
    }

    [Fact]
    public async Task TheTlsServerNameIsTheNameTheCertificateIsVerifiedAgainst()
    {
        await InstallAsync();
        // the certificate names localhost, kubernetes and 127.0.0.1 (the host), not other.example
        using var wrongName = ClusterConnection.Open(new KubeconfigSource(fx.Alpha.KubeconfigPath, null, null, Ns) { Overrides = new() { TlsServerName = "other.example" } });
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(wrongName, default));
        Assert.Equal(ErrorIds.TlsVerificationFailed, e.ErrorId);
        Assert.Contains("verified against the name 'other.example'", e.Message);
        Assert.Contains(", not other.example)", e.Message);
        Assert.Contains("-TlsServerName", e.RecommendedAction);
        using var rightName = ClusterConnection.Open(new KubeconfigSource(fx.Alpha.KubeconfigPath, null, null, Ns) { Overrides = new() { TlsServerName = "kubernetes" } });
        Assert.Equal("alpha-overrides", await ClusterId.ReadAsync(rightName, default));
    }

    [Fact]
    public async Task TheKubeconfigClustersTlsServerNameIsVerifiedToo()
    {
        await InstallAsync();
        var kubeconfig = await File.ReadAllTextAsync(fx.Alpha.KubeconfigPath);
        string With(string name) => Regex.Replace(kubeconfig, @"(\n(\s+)server:[^\n]*)", $"$1\n$2tls-server-name: {name}");
        using var wrongName = ClusterConnection.Open(new KubeconfigSource(null, With("other.example"), null, Ns));
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(wrongName, default));
        Assert.Equal(ErrorIds.TlsVerificationFailed, e.ErrorId);
        Assert.Contains("'other.example'", e.Message);
        using var rightName = ClusterConnection.Open(new KubeconfigSource(null, With("kubernetes"), null, Ns));
        Assert.Equal("alpha-overrides", await ClusterId.ReadAsync(rightName, default));
        // -TlsServerName wins over the kubeconfig's, as kubectl's flag does
        using var flagWins = ClusterConnection.Open(new KubeconfigSource(null, With("other.example"), null, Ns) { Overrides = new() { TlsServerName = "localhost" } });
        Assert.Equal("alpha-overrides", await ClusterId.ReadAsync(flagWins, default));
    }

    [Fact]
    public async Task AsUidSendsImpersonateUidWhichTheServerChecksOnUids()
    {
        await InstallAsync();
        using var admin = SandboxFixture.Connect(fx.Alpha, Ns);
        // ulla may impersonate the user bob, and the uid uid-7 only
        foreach (var (name, group, resource, target) in new[] { ("ulla-users", "", "users", "bob"), ("ulla-uids", "authentication.k8s.io", "uids", "uid-7") })
        {
            if (await admin.Api.GetAsync(Engine.Resources.Kinds.ClusterRole, null, name, default) is not null) continue;
            await admin.Api.CreateAsync(Engine.Resources.Kinds.ClusterRole, null, System.Text.Json.Nodes.JsonNode.Parse($$"""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"{{name}}"},
                 "rules":[{"apiGroups":["{{group}}"],"resources":["{{resource}}"],"verbs":["impersonate"],"resourceNames":["{{target}}"]}]}
                """)!.AsObject(), default);
            await admin.Api.CreateAsync(Engine.Resources.Kinds.ClusterRoleBinding, null, System.Text.Json.Nodes.JsonNode.Parse($$"""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"{{name}}"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"{{name}}"},
                 "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"ulla"}]}
                """)!.AsObject(), default);
        }
        var token = fx.Alpha.AddBearerToken("ulla", []);
        ClusterConnection As(string? uid) =>
            ClusterConnection.Open(Nothing(new() { Server = Server, Token = token, CertificateAuthority = CaFile(), As = "bob", AsUid = uid }));

        using var otherUid = As("uid-8");
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(otherUid, default));
        Assert.Equal(ErrorIds.Forbidden, e.ErrorId);
        Assert.Contains("User \"ulla\" cannot impersonate resource \"uids\" in API group \"authentication.k8s.io\"", e.Message);
        // the uid she may impersonate: the request is bob's, and bob may not read the cluster ID
        using var allowedUid = As("uid-7");
        e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(allowedUid, default));
        Assert.Contains("User \"bob\" cannot list resource \"configmaps\"", e.Message);
        // a uid without a user is refused before any request, as the API server would refuse it
        var refused = Assert.Throws<LiqoException>(() => ClusterConnection.Open(Nothing(new() { Server = Server, Token = token, CertificateAuthority = CaFile(), AsUid = "uid-7" })));
        Assert.Equal(ErrorIds.InvalidArgument, refused.ErrorId);
        Assert.Contains("-AsUid", refused.Message);
    }

    [Fact]
    public async Task AsImpersonatesAUserWhoseRightsThenApply()
    {
        await InstallAsync();
        using var c = ClusterConnection.Open(new KubeconfigSource(fx.Alpha.KubeconfigPath, null, null, Ns) { Overrides = new() { As = "bob" } });
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, default));
        Assert.Equal(ErrorIds.Forbidden, e.ErrorId);
        Assert.Contains("User \"bob\" cannot list resource \"configmaps\"", e.Message);

        // a user who may not impersonate is refused by the server
        var token = fx.Alpha.AddBearerToken("plain", []);
        using var plain = ClusterConnection.Open(Nothing(new() { Server = Server, Token = token, CertificateAuthority = CaFile(), As = "token-admin" }));
        e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(plain, default));
        Assert.Equal(ErrorIds.Forbidden, e.ErrorId);
        Assert.Contains("User \"plain\" cannot impersonate resource \"users\"", e.Message);
        Assert.DoesNotContain(token, e.ToString());
    }

    [Fact]
    public void ImpossibleCombinationsAreRefusedBeforeAnyRequest()
    {
        var e = Assert.Throws<LiqoException>(() => ClusterConnection.Open(new KubeconfigSource(fx.Alpha.KubeconfigPath, null, null) { Overrides = new() { AsGroups = ["g"] } }));
        Assert.Equal(ErrorIds.InvalidArgument, e.ErrorId);
        Assert.Contains("-As", e.Message);
        e = Assert.Throws<LiqoException>(() => ClusterConnection.Open(new KubeconfigSource(fx.Alpha.KubeconfigPath, null, null, Scope: "remote")
        {
            Overrides = new() { CertificateAuthority = CaFile(), InsecureSkipTlsVerify = true },
        }));
        Assert.Equal(ErrorIds.InvalidArgument, e.ErrorId);
        Assert.Contains("-RemoteCertificateAuthority", e.Message);
    }

    [Fact]
    public async Task ClusterAndUserPickOtherEntriesOfTheKubeconfig()
    {
        await InstallAsync();
        var token = fx.Alpha.AddBearerToken("entry-admin", ["system:masters"]);
        var config = $"""
apiVersion: v1
kind: Config
clusters:
- name: closed
  cluster: {"{"}server: "https://127.0.0.1:1"{"}"}
- name: alpha
  cluster: {"{"}server: "{Server}", certificate-authority: "{CaFile()}"{"}"}
users:
- name: nobody
  user: {"{"}token: "not-a-token"{"}"}
- name: admin
  user: {"{"}token: "{token}"{"}"}
contexts:
- name: x
  context: {"{"}cluster: closed, user: nobody{"}"}
current-context: x
""";
        using var c = ClusterConnection.Open(new KubeconfigSource(null, config, null, Ns) { Overrides = new() { Cluster = "alpha", User = "admin" } });
        Assert.Equal("alpha-overrides", await ClusterId.ReadAsync(c, default));
        var e = Assert.Throws<LiqoException>(() => ClusterConnection.Open(new KubeconfigSource(null, config, null, Ns) { Overrides = new() { User = "root" } }));
        Assert.Equal(ErrorIds.KubeconfigEntryNotFound, e.ErrorId);
        Assert.Equal("root", e.TargetObject);
        Assert.Contains("nobody, admin", e.Message);
        Assert.DoesNotContain(token, e.ToString());
        // --token replaces the user's token
        using var t = ClusterConnection.Open(new KubeconfigSource(null, config, null, Ns) { Overrides = new() { Cluster = "alpha", Token = token } });
        Assert.Equal("alpha-overrides", await ClusterId.ReadAsync(t, default));
        using var timed = ClusterConnection.Open(new KubeconfigSource(null, config, null, Ns) { Overrides = new() { Cluster = "alpha", RequestTimeout = TimeSpan.FromSeconds(7) } });
        Assert.Equal(TimeSpan.FromSeconds(7), timed.RequestTimeout);
    }
}
