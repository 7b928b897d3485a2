using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Liqo.Sandbox.Liqo;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>The Tenant webhook, the certificate cache and the identities the provider issues.</summary>
public sealed class AuthenticationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheTenantWebhookRefusesMisplacedTenants()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        var tenant = await p.GenerateTenantAsync(new byte[64]);

        var wrongNs = (JsonObject)tenant.DeepClone();
        wrongNs["metadata"]!["namespace"] = "default";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => p.Provider.CreateAsync(Cr.Tenant, "default", wrongNs));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
        Assert.Contains("admission webhook \\\"tenant.validate.liqo.io\\\" denied the request: resources Tenant must be created in a tenant namespace, check the documentation for further info",
            e.Response.Content);

        var wrongLabel = (JsonObject)tenant.DeepClone();
        wrongLabel["metadata"]!["labels"]!["liqo.io/remote-cluster-id"] = "someone-else";
        e = await Assert.ThrowsAsync<HttpOperationException>(() => p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, wrongLabel));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
        Assert.Contains("the \\\"liqo.io/remote-cluster-id\\\" label must match the cluster ID in the specs", e.Response.Content);

        // Without the label the mutating webhook adds it.
        var noLabel = (JsonObject)tenant.DeepClone();
        noLabel["metadata"]!.AsObject().Remove("labels");
        var created = await p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, noLabel);
        Assert.Equal(p.C, ClusterClient.Str(created, "metadata", "labels", "liqo.io/remote-cluster-id"));
        Assert.Equal("KeysExchange", ClusterClient.Str(created, "spec", "authzPolicy"));
        Assert.Equal("Active", ClusterClient.Str(created, "spec", "tenantCondition"));

        var second = (JsonObject)tenant.DeepClone();
        second["metadata"]!["name"] = "another";
        e = await Assert.ThrowsAsync<HttpOperationException>(() => p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, second));
        Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode);
        Assert.Contains("a Tenant already exists in the tenant namespace", e.Response.Content);
    }

    [Theory]
    [InlineData("cn", "invalid common name")]
    [InlineData("o", "invalid organization")]
    [InlineData("key", "invalid public key")]
    public async Task ACsrThatDoesNotMatchTheTenantIsAnInvalidCsrEvent(string wrong, string message)
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        var (_, signature) = await p.NonceAsync();
        var tenant = await p.GenerateTenantAsync(signature);
        var keys = await p.Consumer.K.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        var key = TestCsr.ReadPrivateKey(Encoding.ASCII.GetString(keys.Data["privateKey"]));
        var other = new Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters(new Org.BouncyCastle.Security.SecureRandom());
        tenant["spec"]!["csr"] = TestCsr.B64(wrong switch
        {
            "cn" => TestCsr.CsrPem(key, "someone-else", "liqo.io"),
            "o" => TestCsr.CsrPem(key, p.C, "system:masters"),
            _ => TestCsr.CsrPem(other, p.C, "liqo.io"),
        });
        await p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, tenant);
        k8s.Models.Corev1Event? invalid = null;
        await p.WaitAsync(async () => (invalid = (await p.Provider.K.CoreV1.ListNamespacedEventAsync(p.ProviderTenantNs,
            fieldSelector: "reason=InvalidCSR")).Items.FirstOrDefault()) is not null, "the InvalidCSR event");
        Assert.Equal(message, invalid!.Message);
        Assert.Equal("Warning", invalid.Type);
        Assert.Null(ClusterClient.At(await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C), "status", "authParams"));
        Assert.Empty((await p.Provider.K.CoreV1.ListNamespacedSecretAsync(p.ProviderTenantNs, fieldSelector: "metadata.name=liqo-remote-certificate")).Items);
    }

    [Fact]
    public async Task RepeeringWithTheSameCsrWorksAndADifferentCsrIsRefused()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.AuthenticateAsync();
        var first = await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C);

        // unauthenticate keeps the tenant namespace and liqo-remote-certificate
        await p.Consumer.DeleteAsync(Cr.Identity, p.ConsumerTenantNs, "controlplane-" + p.P);
        await p.Provider.DeleteAsync(Cr.Tenant, p.ProviderTenantNs, p.C);
        await p.WaitAsync(async () => await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C) is null, "the Tenant gone");
        var cached = await p.Provider.K.CoreV1.ReadNamespacedSecretAsync("liqo-remote-certificate", p.ProviderTenantNs);
        Assert.Equal(Encoding.ASCII.GetString(Convert.FromBase64String(ClusterClient.Str(first, "spec", "csr")!)), Encoding.ASCII.GetString(cached.Data["csr"]));

        // The same CSR (Ed25519 CSRs are deterministic): the cached certificate comes back.
        var signature = Convert.FromBase64String(ClusterClient.Str(first, "spec", "signature")!);
        await p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, await p.GenerateTenantAsync(signature));
        var again = await p.WaitForTenantStatusAsync();
        Assert.Equal(ClusterClient.Str(first, "status", "authParams", "signedCRT"), ClusterClient.Str(again, "status", "authParams", "signedCRT"));

        // A different CSR for the same cluster: the provider refuses to sign it and leaves authParams unset.
        await p.Provider.DeleteAsync(Cr.Tenant, p.ProviderTenantNs, p.C);
        await p.WaitAsync(async () => await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C) is null, "the Tenant gone");
        var tenant = await p.GenerateTenantAsync(signature);
        var keys = await p.Consumer.K.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        var key = TestCsr.ReadPrivateKey(Encoding.ASCII.GetString(keys.Data["privateKey"]));
        var reordered = new Org.BouncyCastle.Asn1.X509.X509Name(
            new List<Org.BouncyCastle.Asn1.DerObjectIdentifier> { Org.BouncyCastle.Asn1.X509.X509Name.CN, Org.BouncyCastle.Asn1.X509.X509Name.O },
            new List<string> { p.C, "liqo.io" });
        var csr = new Org.BouncyCastle.Pkcs.Pkcs10CertificationRequest("Ed25519", reordered, TestCsr.PublicOf(key), new Org.BouncyCastle.Asn1.DerSet(), key);
        tenant["spec"]!["csr"] = TestCsr.B64(TestCsr.Pem("CERTIFICATE REQUEST", csr.GetEncoded()));
        await p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, tenant);
        k8s.Models.Corev1Event? failed = null;
        await p.WaitAsync(async () => (failed = (await p.Provider.K.CoreV1.ListNamespacedEventAsync(p.ProviderTenantNs,
            fieldSelector: "reason=AuthParamsFailed")).Items.FirstOrDefault()) is not null, "the AuthParamsFailed event");
        Assert.Equal($"the stored and the provided CSR for cluster {p.C} does not match", failed!.Message);
        var refused = await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C);
        Assert.Null(ClusterClient.At(refused, "status", "authParams"));
    }

    [Fact]
    public async Task RsaClustersPeerAndTheControlPlaneKubeconfigWorksAgainstTheProvider()
    {
        var options = new LiqoSandboxOptions { Defaults = new LiqoOptions { KeyAlgorithm = LiqoKeyAlgorithm.Rsa2048 } };
        await using var scope = await LiqoSandboxScope.StartAsync(output, options);
        var p = scope.Peering;
        await p.PeerAsync();

        // The kubeconfig the identity controller wrote: the provider's real URL and CA, a certificate its CA signed
        // (CN = the consumer's ID, O = liqo.io) and the consumer's cluster key; RSA keys load in KubernetesClient.
        var secret = await p.Consumer.K.CoreV1.ReadNamespacedSecretAsync("kubeconfig-controlplane-" + p.P, p.ConsumerTenantNs);
        Assert.Equal("ControlPlane", secret.Metadata.Labels["liqo.io/identity-type"]);
        Assert.Equal(p.ProviderTenantNs, secret.Metadata.Annotations["liqo.io/remote-tenant-namespace"]);
        var path = Path.Combine(scope.Directory, "controlplane.kubeconfig");
        await File.WriteAllBytesAsync(path, secret.Data["kubeconfig"]);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        Assert.Equal(scope.Provider.Server.ToString().TrimEnd('/'), config.Host.TrimEnd('/'));
        using var remote = new ClusterClient(path);
        var replicas = await remote.ListAsync(Cr.ResourceSlice, p.ProviderTenantNs);
        Assert.Equal(p.P, ClusterClient.Str(Assert.Single(replicas), "metadata", "name"));
        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() => remote.K.CoreV1.ListNamespacedSecretAsync(p.ProviderTenantNs));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Response.StatusCode);
        Assert.Contains("User \\\"" + p.C + "\\\" cannot list resource \\\"secrets\\\"", forbidden.Response.Content);
    }
}
