using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The WireGuard container of each Ready gateway pod (pkg/gateway/tunnel/wireguard: publickeys_controller.go, k8s.go):
/// it configures the tunnel with its own key Secret and the peer key of the PublicKey resource labelled for its remote
/// cluster, publishes that configuration on the shared network, and creates the Connection gw-&lt;name&gt;
/// (status Connecting) once the peer's PublicKey is there.
/// </summary>
internal sealed class PublicKeysController(LiqoControlPlane plane) : LiqoController(plane)
{
    private readonly HashSet<(string Ns, string Name, bool Server)> _published = [];

    public override string Name => "publickeys";
    public override string Component => "liqo-gateway";

    protected override void Reconcile()
    {
        var seen = new HashSet<(string, string, bool)>();
        foreach (var (kind, isServer) in new[] { (Kind.WgGatewayServer, true), (Kind.WgGatewayClient, false) })
        {
            foreach (var wg in List(kind))
            {
                if (Obj.Deleting(wg)) continue;
                var ns = Obj.Ns(wg);
                var name = Obj.Name(wg);
                var remoteId = Obj.Label(wg, LiqoLabels.RemoteClusterId) ?? "";
                var deployment = Get(Kind.Deployment, ns, "gw-" + name);
                if (deployment is null || (Obj.Long(deployment, "status", "readyReplicas") ?? 0) == 0) continue;

                var secretName = Obj.Str(wg, "status", "secretRef", "name") ?? "gw-" + name;
                var ownKey = Obj.Str(Get(Kind.Secret, ns, secretName), "data", "publicKey");
                if (ownKey is null) continue;
                var keys = List(Kind.PublicKey, ns, $"{LiqoLabels.RemoteClusterId}={remoteId},{LiqoLabels.GatewayResource}=true");
                var peerKey = keys.Count == 1 ? Obj.Str(keys[0], "spec", "publicKey") : null;

                IReadOnlyList<string> addresses;
                int port;
                if (isServer)
                {
                    addresses = (Obj.Array(wg, "status", "endpoint", "addresses") ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
                    port = (int)(Obj.Long(wg, "status", "endpoint", "port") ?? 0);
                }
                else (addresses, port) = DialTarget(wg);
                Plane.Fabric.Publish(new SimulatedGatewayEndpoint(Plane.ClusterId, ns, name, isServer, addresses,
                    port, ownKey, peerKey, Options.TunnelNeverEstablished));
                seen.Add((ns, name, isServer));
                _published.Add((ns, name, isServer));

                if (peerKey is null || Get(Kind.Connection, ns, "gw-" + name) is not null || !Due(wg, "connection")) continue;
                var created = Create(Kind.Connection, ns, new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = "gw-" + name,
                        ["namespace"] = ns,
                        ["labels"] = new JsonObject { [LiqoLabels.RemoteClusterId] = remoteId },
                        ["ownerReferences"] = new JsonArray(Obj.OwnerRef(wg, controller: true)),
                    },
                    ["spec"] = new JsonObject
                    {
                        ["type"] = isServer ? "Server" : "Client",
                        ["gatewayRef"] = new JsonObject
                        {
                            ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Name, ["name"] = name, ["namespace"] = ns, ["uid"] = Obj.Uid(wg),
                        },
                    },
                });
                if (created is not null)
                {
                    created["status"] = new JsonObject { ["value"] = "Connecting" };
                    UpdateStatus(Kind.Connection, created);
                }
            }
        }
        foreach (var gone in _published.Where(p => !seen.Contains(p)).ToList())
        {
            Plane.Fabric.Remove(Plane.ClusterId, gone.Ns, gone.Name, gone.Server);
            _published.Remove(gone);
        }
    }

    /// <summary>The address and port a client gateway dials: its wireguard container's --endpoint-address/--endpoint-port.</summary>
    private static (IReadOnlyList<string>, int) DialTarget(JsonObject wg)
    {
        var args = (Obj.Array(wg, "spec", "deployment", "spec", "template", "spec", "containers") ?? []).OfType<JsonObject>()
            .SelectMany(c => (Obj.Array(c, "args") ?? []).Select(a => a?.GetValue<string>() ?? "")).ToList();
        var address = args.FirstOrDefault(a => a.StartsWith("--endpoint-address=", StringComparison.Ordinal))?["--endpoint-address=".Length..];
        var port = args.FirstOrDefault(a => a.StartsWith("--endpoint-port=", StringComparison.Ordinal))?["--endpoint-port=".Length..];
        return (address is { Length: > 0 } ? [address] : [], int.TryParse(port, out var p) ? p : 0);
    }
}
