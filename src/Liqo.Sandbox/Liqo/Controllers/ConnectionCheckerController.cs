using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The gateway's connection checker (pkg/gateway/connection): a Connection becomes Connected, with a latency, once the
/// shared network says the WireGuard handshake completes (the client dials the server's endpoint and each side's
/// PublicKey holds the other's real key); it falls back to Connecting when the peer goes away.
/// </summary>
internal sealed class ConnectionCheckerController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "connection-checker";
    public override string Component => "liqo-gateway";

    protected override void Reconcile()
    {
        foreach (var conn in List(Kind.Connection))
        {
            if (Obj.Deleting(conn)) continue;
            var gatewayName = Obj.Str(conn, "spec", "gatewayRef", "name") ?? "";
            var isServer = Obj.Str(conn, "spec", "type") == "Server";
            var peer = Plane.Fabric.EstablishedPeer(Plane.ClusterId, Obj.Ns(conn), gatewayName, isServer);
            var current = Obj.Str(conn, "status", "value");
            string desired;
            if (peer is not null)
            {
                if (current == "Connected") continue;
                if (!Due(conn, "handshake")) continue;
                desired = "Connected";
            }
            else
            {
                if (current is "Connecting" or null) continue;
                desired = "Connecting";
            }
            var status = new JsonObject { ["value"] = desired };
            if (desired == "Connected")
                status["latency"] = new JsonObject { ["value"] = "1.021ms", ["timestamp"] = Now };
            conn["status"] = status;
            UpdateStatus(Kind.Connection, conn);
        }
    }
}
