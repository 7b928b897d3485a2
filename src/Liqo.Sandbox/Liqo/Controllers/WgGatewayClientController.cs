using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>The WireGuard gateway client controller (wireguard/wggatewayclient_controller.go): key Secret and Deployment gw-&lt;name&gt;.</summary>
internal sealed class WgGatewayClientController(LiqoControlPlane plane) : WgGatewayController(plane)
{
    public override string Name => "wggatewayclient";
    protected override Kind WgKind => Kind.WgGatewayClient;
}
