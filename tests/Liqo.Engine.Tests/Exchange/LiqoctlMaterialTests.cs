using System.Text;
using System.Text.Json.Nodes;
using Liqo.Engine.Authentication;
using Liqo.Engine.Exchange;

namespace Liqo.Engine.Tests.Exchange;

/// <summary>
/// liqoctl's own out-of-band formats, both ways. The expected texts are what liqoctl v1.2.0 prints: k8s.io/cli-runtime's
/// YAMLPrinter over the Go structs (apis/authentication/v1beta1 tenant_types.go, identity_types.go, common_types.go;
/// apis/networking/v1beta1 configuration_types.go): every spec field omitempty, keys sorted by sigs.k8s.io/yaml (go-yaml
/// v2), []byte as base64, creationTimestamp omitted (omitzero, apimachinery v0.35), status a struct so always there
/// ({}); forge.TenantForRemoteCluster, forge.IdentityForRemoteCluster, forge.ConfigurationForRemoteCluster for the
/// objects; `liqoctl get nonce` prints the bare nonce with fmt.Print.
/// </summary>
public sealed class LiqoctlMaterialTests
{
    private const string TenantYaml = """
        apiVersion: authentication.liqo.io/v1beta1
        kind: Tenant
        metadata:
          labels:
            liqo.io/remote-cluster-id: milan
          name: milan
          namespace: liqo-tenant-milan
        spec:
          clusterID: milan
          csr: Q1NS
          publicKey: UEs=
          signature: U0lH
        status: {}

        """;

    private const string IdentityYaml = """
        apiVersion: authentication.liqo.io/v1beta1
        kind: Identity
        metadata:
          labels:
            liqo.io/remote-cluster-id: rome
          name: controlplane-rome
          namespace: liqo-tenant-rome
        spec:
          authParams:
            apiServer: https://rome.example:6443
            ca: Q0E=
            signedCRT: Q1JU
          clusterID: rome
          namespace: liqo-tenant-milan
          type: ControlPlane
        status: {}

        """;

    private const string ConfigurationYaml = """
        apiVersion: networking.liqo.io/v1beta1
        kind: Configuration
        metadata:
          labels:
            liqo.io/remote-cluster-id: rome
          name: rome
        spec:
          remote:
            cidr:
              external:
              - 10.70.0.0/16
              pod:
              - 10.244.0.0/16
        status: {}

        """;

    private static PeeringMaterial TenantMaterial() =>
        new(PeeringMaterial.TenantKind, "milan", "rome", new JsonObject
        {
            ["tenant"] = Tenant.Forge("milan", "liqo-tenant-milan", Encoding.ASCII.GetBytes("PK"), Encoding.ASCII.GetBytes("CSR"), Encoding.ASCII.GetBytes("SIG"), null),
        });

    private static PeeringMaterial IdentityMaterial() =>
        new(PeeringMaterial.IdentityKind, "rome", "milan", new JsonObject
        {
            ["identity"] = Identity.ForgeControlPlane("rome", "liqo-tenant-rome", "liqo-tenant-milan", new JsonObject
            {
                ["ca"] = "Q0E=", ["signedCRT"] = "Q1JU", ["apiServer"] = "https://rome.example:6443",
            }),
        });

    private static PeeringMaterial ConfigurationMaterial() =>
        new(PeeringMaterial.NetworkConfigurationKind, "rome", "milan", new JsonObject
        {
            ["cidr"] = new JsonObject { ["pod"] = new JsonArray("10.244.0.0/16"), ["external"] = new JsonArray("10.70.0.0/16") },
        });

    [Fact]
    public void WritesWhatLiqoctlGeneratePrints()
    {
        Assert.Equal(TenantYaml, LiqoctlMaterial.Format(TenantMaterial()));
        Assert.Equal(IdentityYaml, LiqoctlMaterial.Format(IdentityMaterial()));
        Assert.Equal(ConfigurationYaml, LiqoctlMaterial.Format(ConfigurationMaterial()));
        var nonce = new PeeringMaterial(PeeringMaterial.NonceKind, "rome", "milan", new JsonObject { ["nonce"] = "bm9uY2U=", ["tenantNamespace"] = "liqo-tenant-milan" });
        Assert.Equal("bm9uY2U=", LiqoctlMaterial.Format(nonce));
    }

    [Fact]
    public void ReadsWhatLiqoctlGeneratePrintsAsTheModulesOwnMaterial()
    {
        var tenant = PeeringMaterial.Parse(TenantYaml, "tenant.yaml");
        Assert.Equal((PeeringMaterial.TenantKind, "milan", ""), (tenant.Kind, tenant.FromClusterId, tenant.ForClusterId));
        Assert.Equal("UEs=", tenant.Object("tenant")["spec"]!["publicKey"]!.GetValue<string>());
        Assert.Equal(TenantYaml, LiqoctlMaterial.Format(tenant));

        var identity = PeeringMaterial.Parse(IdentityYaml, "identity.yaml");
        Assert.Equal((PeeringMaterial.IdentityKind, "rome", ""), (identity.Kind, identity.FromClusterId, identity.ForClusterId));
        Assert.Equal(IdentityYaml, LiqoctlMaterial.Format(identity));

        var configuration = PeeringMaterial.Parse(ConfigurationYaml, "configuration.yaml");
        Assert.Equal((PeeringMaterial.NetworkConfigurationKind, "rome", ""), (configuration.Kind, configuration.FromClusterId, configuration.ForClusterId));
        Assert.Equal("""{"pod":["10.244.0.0/16"],"external":["10.70.0.0/16"]}""", configuration.Object("cidr").ToJsonString());
        Assert.Equal(ConfigurationYaml, LiqoctlMaterial.Format(configuration));
    }

    [Fact]
    public void ReadsLiqoctlsJsonOutputToo()
    {
        var json = """{"apiVersion":"authentication.liqo.io/v1beta1","kind":"Tenant","metadata":{"name":"milan"},"spec":{"clusterID":"milan","csr":"Q1NS"},"status":{}}""";
        var tenant = PeeringMaterial.Parse(json, "tenant.json");
        Assert.Equal(PeeringMaterial.TenantKind, tenant.Kind);
        Assert.Equal("milan", tenant.FromClusterId);
    }

    [Fact]
    public void MaterialInLiqoctlsFormatIsNotCheckedForATargetButStillForItsKindAndMaker()
    {
        var tenant = PeeringMaterial.Parse(TenantYaml, "tenant.yaml");
        tenant.RequireFor("rome", PeeringMaterial.TenantKind, "local");
        tenant.RequireFor("paris", PeeringMaterial.TenantKind, "local");
        Assert.Equal(ErrorIds.PeeringMaterialKindMismatch,
            Assert.Throws<LiqoException>(() => tenant.RequireFor("rome", PeeringMaterial.IdentityKind, "local")).ErrorId);
        Assert.Equal(ErrorIds.SameCluster, Assert.Throws<LiqoException>(() => tenant.RequireFor("milan", PeeringMaterial.TenantKind, "local")).ErrorId);
        Assert.Contains("(liqoctl's format)", tenant.Describe());
    }

    [Fact]
    public void RefusesALiqoctlObjectWithoutAValidMaker()
    {
        var e = Assert.Throws<LiqoException>(() => PeeringMaterial.Parse(TenantYaml.Replace("clusterID: milan", "clusterID: Not_Valid"), "tenant.yaml"));
        Assert.Equal(ErrorIds.PeeringMaterialInvalid, e.ErrorId);
    }

    [Fact]
    public void GatewayMaterialHasNoLiqoctlFormat()
    {
        var server = new PeeringMaterial(PeeringMaterial.GatewayServerKind, "rome", "milan", new JsonObject());
        Assert.Equal(ErrorIds.PeeringMaterialKindMismatch, Assert.Throws<LiqoException>(() => LiqoctlMaterial.Format(server)).ErrorId);
    }
}
