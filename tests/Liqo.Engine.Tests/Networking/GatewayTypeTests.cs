using Liqo.Engine.Networking;

namespace Liqo.Engine.Tests.Networking;

/// <summary>The gateway template type in liqoctl's group/version/resource form, refused before anything is sent when malformed.</summary>
public sealed class GatewayTypeTests
{
    [Fact]
    public void LiqoctlsDefaultsParseToTheWireGuardTemplates()
    {
        Assert.Equal(new GatewayType("networking.liqo.io", "v1beta1", "wggatewayservertemplates"), GatewayType.Parse("GatewayServerType", GatewayType.DefaultServer));
        Assert.Equal(GatewayType.DefaultClient, GatewayType.Parse("GatewayClientType", GatewayType.DefaultClient).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("wggatewayservertemplates")]
    [InlineData("networking.liqo.io/wggatewayservertemplates")]
    [InlineData("networking.liqo.io/v1beta1/wggatewayservertemplates/extra")]
    [InlineData("/v1/configmaps")]
    [InlineData("networking/v1beta1/wggatewayservertemplates")]
    [InlineData("Networking.liqo.io/v1beta1/wggatewayservertemplates")]
    [InlineData("networking.liqo.io/1beta1/wggatewayservertemplates")]
    [InlineData("networking.liqo.io/v1beta1/WgGatewayServerTemplate")]
    [InlineData("networking.liqo.io/v1beta1/")]
    public void AMalformedTypeIsInvalidArgumentNamingTheParameter(string value)
    {
        var e = Assert.Throws<LiqoException>(() => GatewayType.Parse("GatewayServerType", value));
        Assert.Equal(ErrorIds.InvalidArgument, e.ErrorId);
        Assert.StartsWith($"-GatewayServerType '{value}' is not valid", e.Message);
    }

    [Theory]
    [InlineData("WgGatewayServerTemplate", "wggatewayservertemplates")]
    [InlineData("NetworkPolicy", "networkpolicies")]
    [InlineData("Ingress", "ingresses")]
    [InlineData("Endpoints", "endpoints")]
    public void ThePluralIsApimachinerysGuess(string kind, string plural) => Assert.Equal(plural, GatewayType.GuessPlural(kind));
}
