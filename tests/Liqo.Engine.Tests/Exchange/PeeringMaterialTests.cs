using System.Text.Json.Nodes;
using Liqo.Engine.Exchange;

namespace Liqo.Engine.Tests.Exchange;

/// <summary>The peering material document: what it says about itself, and what it refuses.</summary>
public sealed class PeeringMaterialTests
{
    private static PeeringMaterial Tenant() =>
        new(PeeringMaterial.TenantKind, "consumer", "provider", new JsonObject { ["tenant"] = new JsonObject { ["kind"] = "Tenant" } },
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void RoundTripsAndSaysWhoMadeItForWhom()
    {
        var json = Tenant().ToJson();
        var doc = JsonNode.Parse(json)!;
        Assert.Equal("liqo-powershell/v1", doc["apiVersion"]!.GetValue<string>());
        Assert.Equal("LiqoTenant", doc["kind"]!.GetValue<string>());
        Assert.Equal("consumer", doc["fromClusterId"]!.GetValue<string>());
        Assert.Equal("provider", doc["forClusterId"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", doc["createdAt"]!.GetValue<string>());
        Assert.EndsWith("}\n", json);

        var back = PeeringMaterial.Parse(json, "the file 'x'");
        Assert.Equal(PeeringMaterial.TenantKind, back.Kind);
        Assert.Equal("consumer", back.FromClusterId);
        Assert.Equal("provider", back.ForClusterId);
        Assert.Equal("Tenant", back.Object("tenant")["kind"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), back.CreatedAt);
    }

    [Theory]
    [InlineData("not json", "the file 'x' is not a peering material document")]
    [InlineData("""{"apiVersion":"v1","kind":"LiqoTenant"}""", "is not a peering material document of version liqo-powershell/v1")]
    [InlineData("""{"apiVersion":"liqo-powershell/v1","kind":"Secret","fromClusterId":"a","forClusterId":"b","data":{}}""", "holds an unknown kind 'Secret'")]
    [InlineData("""{"apiVersion":"liqo-powershell/v1","kind":"LiqoNonce","fromClusterId":"A_B","forClusterId":"b","data":{}}""", "names a cluster ID that is not valid")]
    [InlineData("""{"apiVersion":"liqo-powershell/v1","kind":"LiqoNonce","fromClusterId":"a","forClusterId":"b"}""", "has no 'data'")]
    [InlineData("""{"apiVersion":"liqo-powershell/v1","kind":"LiqoNonce","forClusterId":"b","data":{}}""", "has no 'fromClusterId'")]
    public void RefusesWhatIsNotMaterial(string text, string message)
    {
        var e = Assert.Throws<LiqoException>(() => PeeringMaterial.Parse(text, "the file 'x'"));
        Assert.Equal(ErrorIds.PeeringMaterialInvalid, e.ErrorId);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void IsRefusedOnAnotherClusterAsAnotherKindAndByItsMaker()
    {
        var m = Tenant();
        m.RequireFor("provider", PeeringMaterial.TenantKind, "local");

        var elsewhere = Assert.Throws<LiqoException>(() => m.RequireFor("third", PeeringMaterial.TenantKind, "local"));
        Assert.Equal(ErrorIds.PeeringMaterialForAnotherCluster, elsewhere.ErrorId);
        Assert.Equal("The LiqoTenant made by cluster 'consumer' for cluster 'provider' cannot be imported on the local cluster 'third': it was made for cluster 'provider'.",
            elsewhere.Message);
        Assert.Equal("provider", elsewhere.TargetObject);

        var kind = Assert.Throws<LiqoException>(() => m.RequireFor("provider", PeeringMaterial.IdentityKind, "local"));
        Assert.Equal(ErrorIds.PeeringMaterialKindMismatch, kind.ErrorId);
        Assert.Equal("This is a LiqoTenant, not a LiqoIdentity: it cannot be used here.", kind.Message);

        var self = new PeeringMaterial(PeeringMaterial.NonceKind, "a", "a", new JsonObject());
        Assert.Equal(ErrorIds.SameCluster, Assert.Throws<LiqoException>(() => self.RequireFor("a", PeeringMaterial.NonceKind, "local")).ErrorId);
    }

    [Fact]
    public void NamesWhatItLacks()
    {
        var m = new PeeringMaterial(PeeringMaterial.GatewayClientKind, "a", "b", new JsonObject { ["publicKey"] = "" });
        Assert.Equal("The LiqoGatewayClient made by cluster 'a' for cluster 'b' has no 'publicKey'.",
            Assert.Throws<LiqoException>(() => m.String("publicKey")).Message);
        Assert.Equal("The LiqoGatewayClient made by cluster 'a' for cluster 'b' has no 'endpoint' object.",
            Assert.Throws<LiqoException>(() => m.Object("endpoint")).Message);
    }
}
