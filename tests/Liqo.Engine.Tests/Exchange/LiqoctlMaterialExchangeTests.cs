using Liqo.Engine.Authentication;
using Liqo.Engine.Exchange;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Exchange;

/// <summary>
/// An out-of-band authentication where every hand-over is in liqoctl's format, on the simulated Liqo: the bare nonce
/// (liqoctl get nonce), the Tenant YAML (liqoctl generate tenant), the Identity YAML (liqoctl generate identity); the
/// consumer ends with the provider's kubeconfig Secret, as with the module's own files.
/// </summary>
public sealed class LiqoctlMaterialExchangeTests() : LiqoPairTest("liqo-liqoctl-material-")
{
    [Fact]
    public async Task AuthenticationWorksWithEveryHandOverInLiqoctlsFormat()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);

        var nonce = LiqoctlMaterial.Format(await AuthenticationExchange.CreateNonceAsync(op, provider, "consumer"));
        Assert.DoesNotContain("\n", nonce);

        var tenantYaml = LiqoctlMaterial.Format(await AuthenticationExchange.CreateTenantAsync(op, consumer, "provider", nonce, null, null));
        Assert.StartsWith("apiVersion: authentication.liqo.io/v1beta1\nkind: Tenant\n", tenantYaml);
        var tenant = await AuthenticationExchange.ImportTenantAsync(op, provider, PeeringMaterial.Parse(tenantYaml, "tenant.yaml"));
        Assert.True(Tenant.HasStatus(tenant!));

        var identityYaml = LiqoctlMaterial.Format(await AuthenticationExchange.ExportIdentityAsync(op, provider, "consumer"));
        Assert.StartsWith("apiVersion: authentication.liqo.io/v1beta1\nkind: Identity\n", identityYaml);
        var (identity, ns) = await AuthenticationExchange.ImportIdentityAsync(op, consumer, PeeringMaterial.Parse(identityYaml, "identity.yaml"));
        Assert.Equal("liqo-tenant-provider", ns);
        Assert.False(string.IsNullOrEmpty(identity!.StringAt("status.kubeconfigSecretRef.name")));
    }
}
