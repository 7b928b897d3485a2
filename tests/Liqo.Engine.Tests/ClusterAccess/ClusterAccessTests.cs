using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.ClusterAccess;

/// <summary>Reaching a cluster like kubectl, and the errors users get, against real sandbox API servers.</summary>
public sealed class ClusterAccessTests(SandboxFixture fx) : IClassFixture<SandboxFixture>
{
    private string Kubeconfig(string name, string user, IReadOnlyList<string> groups, Liqo.Sandbox.KubeconfigAuth auth) =>
        fx.Alpha.WriteKubeconfig(Path.Combine(fx.Directory, name), user, groups, auth);

    [Fact]
    public async Task ReadsTheClusterIdWithAClientCertificateAndWithAToken()
    {
        using var admin = SandboxFixture.Connect(fx.Alpha, "liqo-a");
        await SandboxFixture.InstallClusterIdAsync(admin, "liqo-a", "alpha-id");
        Assert.Equal("alpha-id", await ClusterId.ReadAsync(admin, default));

        var tokenConfig = Kubeconfig("token.kubeconfig", "token-admin", new[] { "system:masters" }, Liqo.Sandbox.KubeconfigAuth.Token);
        using var withToken = ClusterConnection.Open(new KubeconfigSource(tokenConfig, null, null, "liqo-a"));
        Assert.Equal("alpha-id", await ClusterId.ReadAsync(withToken, default));
        Assert.Equal("alpha-id", withToken.ClusterId);
    }

    [Fact]
    public async Task KubeconfigContentIsReadFromTheString()
    {
        using var admin = SandboxFixture.Connect(fx.Alpha);
        var content = await File.ReadAllTextAsync(fx.Alpha.KubeconfigPath);
        using var fromString = ClusterConnection.Open(new KubeconfigSource(null, content, null, "liqo-content"));
        await SandboxFixture.InstallClusterIdAsync(admin, "liqo-content", "from-string");
        Assert.Equal("from-string", await ClusterId.ReadAsync(fromString, default));
    }

    [Fact]
    public async Task NoClusterIdConfigMapIsLiqoNotInstalledNamingTheNamespace()
    {
        using var c = SandboxFixture.Connect(fx.Alpha, "not-liqo");
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, default));
        Assert.Equal(ErrorIds.LiqoNotInstalled, e.ErrorId);
        Assert.Equal(LiqoErrorCategory.NotInstalled, e.Category);
        Assert.Equal("not-liqo", e.TargetObject);
        Assert.Contains("'not-liqo'", e.Message);
    }

    [Fact]
    public async Task TwoClusterIdConfigMapsAreAmbiguous()
    {
        using var c = SandboxFixture.Connect(fx.Alpha, "liqo-two");
        await SandboxFixture.InstallClusterIdAsync(c, "liqo-two", "one", "first");
        await SandboxFixture.InstallClusterIdAsync(c, "liqo-two", "two", "second");
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, default));
        Assert.Equal(ErrorIds.ClusterIdAmbiguous, e.ErrorId);
        Assert.Contains("first", e.Message);
        Assert.Contains("second", e.Message);
    }

    [Fact]
    public async Task AWrongTokenIsUnauthorizedAndTheTokenIsNotInTheMessage()
    {
        var path = Kubeconfig("bad-token.kubeconfig", "someone", new[] { "system:masters" }, Liqo.Sandbox.KubeconfigAuth.Token);
        var text = await File.ReadAllTextAsync(path);
        var token = System.Text.RegularExpressions.Regex.Match(text, @"token:\s*(\S+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));
        await File.WriteAllTextAsync(path, text.Replace(token, "wrong-" + token));
        using var c = ClusterConnection.Open(new KubeconfigSource(path, null, null));
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, default));
        Assert.Equal(ErrorIds.Unauthorized, e.ErrorId);
        Assert.Equal(LiqoErrorCategory.AuthenticationError, e.Category);
        Assert.DoesNotContain(token, e.ToString());
    }

    [Fact]
    public async Task AUserWithoutPermissionIsForbiddenWithTheVerbAndResource()
    {
        var path = Kubeconfig("nobody.kubeconfig", "nobody", Array.Empty<string>(), Liqo.Sandbox.KubeconfigAuth.ClientCertificate);
        using var c = ClusterConnection.Open(new KubeconfigSource(path, null, null, "liqo"));
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, default));
        Assert.Equal(ErrorIds.Forbidden, e.ErrorId);
        Assert.Equal(LiqoErrorCategory.PermissionDenied, e.Category);
        Assert.Equal("list configmaps", e.TargetObject);
        Assert.Contains("User \"nobody\" cannot list resource \"configmaps\"", e.Message);
    }

    [Fact]
    public async Task AnotherClustersCaIsATlsFailure()
    {
        // alpha's server with beta's CA: the certificate chain does not verify
        var alpha = await File.ReadAllTextAsync(fx.Alpha.KubeconfigPath);
        var beta = await File.ReadAllTextAsync(fx.Beta.KubeconfigPath);
        string Ca(string k) => System.Text.RegularExpressions.Regex.Match(k, @"certificate-authority-data:\s*(\S+)").Groups[1].Value;
        var mixed = alpha.Replace(Ca(alpha), Ca(beta));
        using var c = ClusterConnection.Open(new KubeconfigSource(null, mixed, null));
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, default));
        Assert.Equal(ErrorIds.TlsVerificationFailed, e.ErrorId);
        Assert.Equal(fx.Alpha.Server.ToString().TrimEnd('/'), e.TargetObject);
    }

    [Fact]
    public async Task InsecureSkipTlsVerifyInTheKubeconfigTurnsVerificationOff()
    {
        var alpha = await File.ReadAllTextAsync(fx.Alpha.KubeconfigPath);
        var insecure = System.Text.RegularExpressions.Regex.Replace(alpha, @"certificate-authority-data:\s*\S+", "insecure-skip-tls-verify: true");
        using var admin = SandboxFixture.Connect(fx.Alpha, "liqo-insecure");
        await SandboxFixture.InstallClusterIdAsync(admin, "liqo-insecure", "insecure-ok");
        using var c = ClusterConnection.Open(new KubeconfigSource(null, insecure, null, "liqo-insecure"));
        Assert.Equal("insecure-ok", await ClusterId.ReadAsync(c, default));
    }

    [Fact]
    public async Task AClosedPortIsUnreachableWithTheUrl()
    {
        var alpha = await File.ReadAllTextAsync(fx.Alpha.KubeconfigPath);
        var closed = alpha.Replace(fx.Alpha.Server.ToString().TrimEnd('/'), "https://127.0.0.1:1");
        using var c = ClusterConnection.Open(new KubeconfigSource(null, closed, null));
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, default));
        Assert.Equal(ErrorIds.ClusterUnreachable, e.ErrorId);
        Assert.Equal("https://127.0.0.1:1", e.TargetObject);
    }

    [Fact]
    public async Task AnExecCredentialPluginSuppliesTheToken()
    {
        if (OperatingSystem.IsWindows()) return; // the plugin is a shell script
        var token = fx.Alpha.AddBearerToken("exec-user", new[] { "system:masters" });
        var script = Path.Combine(fx.Directory, "exec-plugin.sh");
        await File.WriteAllTextAsync(script,
            "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + token + "\"}}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var alpha = await File.ReadAllTextAsync(fx.Alpha.KubeconfigPath);
        var server = fx.Alpha.Server.ToString().TrimEnd('/');
        string Ca(string k) => System.Text.RegularExpressions.Regex.Match(k, @"certificate-authority-data:\s*(\S+)").Groups[1].Value;
        var config = $"""
apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: {server}
    certificate-authority-data: {Ca(alpha)}
users:
- name: u
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./exec-plugin.sh
      interactiveMode: Never
contexts:
- name: x
  context: {"{"}cluster: c, user: u{"}"}
current-context: x
""";
        var path = Path.Combine(fx.Directory, "exec.kubeconfig");
        await File.WriteAllTextAsync(path, config);
        using var admin = SandboxFixture.Connect(fx.Alpha, "liqo-exec");
        await SandboxFixture.InstallClusterIdAsync(admin, "liqo-exec", "exec-ok");
        using var c = ClusterConnection.Open(new KubeconfigSource(path, null, null, "liqo-exec"));
        Assert.Equal("exec-ok", await ClusterId.ReadAsync(c, default));
    }

    [Fact]
    public async Task WaitsEndWhenTheWatchedObjectChanges()
    {
        using var c = SandboxFixture.Connect(fx.Alpha);
        var ns = "wait-test";
        await c.Api.CreateAsync(Kinds.Namespace, null, Json.Object(Kinds.Namespace, ns, null), default);
        await c.Api.CreateAsync(Kinds.ConfigMap, ns, Json.Object(Kinds.ConfigMap, "target", ns), default);
        await c.Api.CreateAsync(Kinds.ConfigMap, ns, Json.Object(Kinds.ConfigMap, "other", ns), default);
        var wait = Waiter.ForObjectAsync(c, Kinds.ConfigMap, ns, "target", o => o["data"]?["ready"]?.GetValue<string>() == "yes",
            new WaitTarget("test", "ConfigMap target", "data.ready == yes"), TimeSpan.FromSeconds(20), default);
        await Task.Delay(200);
        Assert.False(wait.IsCompleted);
        // the same change on another object must not end the wait
        await c.Api.MergePatchAsync(Kinds.ConfigMap, ns, "other", new JsonObject { ["data"] = new JsonObject { ["ready"] = "yes" } }, default);
        await Task.Delay(200);
        Assert.False(wait.IsCompleted);
        await c.Api.MergePatchAsync(Kinds.ConfigMap, ns, "target", new JsonObject { ["data"] = new JsonObject { ["ready"] = "yes" } }, default);
        var done = await wait;
        Assert.Equal("target", done.Name());
    }

    [Fact]
    public async Task AWaitThatNeverEndsIsAWaitTimeoutNamingStepObjectAndCondition()
    {
        using var c = SandboxFixture.Connect(fx.Alpha);
        var e = await Assert.ThrowsAsync<LiqoException>(() => Waiter.ForObjectAsync(c, Kinds.ConfigMap, "default", "never", _ => true,
            new WaitTarget("Waiting for the test object", "ConfigMap default/never", "created"), TimeSpan.FromMilliseconds(800), default));
        Assert.Equal(ErrorIds.WaitTimeout, e.ErrorId);
        Assert.Equal(LiqoErrorCategory.OperationTimeout, e.Category);
        Assert.Contains("Waiting for the test object", e.Message);
        Assert.Contains("ConfigMap default/never", e.Message);
        Assert.Contains("created", e.Message);
    }
}
