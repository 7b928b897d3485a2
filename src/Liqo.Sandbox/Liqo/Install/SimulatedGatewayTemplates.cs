using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Install;

/// <summary>
/// The WgGatewayServerTemplate wireguard-server and WgGatewayClientTemplate wireguard-client of a Liqo installation:
/// the WgGateway objects the gateway operators stamp out, with Liqo's template syntax ("{{ .Name }}",
/// "{{ .Spec.Endpoint.Port }}", optional "?key" fields dropped when empty).
/// </summary>
internal static class SimulatedGatewayTemplates
{
    public static JsonObject Server(string version) => Template("wireguard-server", "WgGatewayServer", version, server: true);

    public static JsonObject Client(string version) => Template("wireguard-client", "WgGatewayClient", version, server: false);

    private static JsonObject Template(string name, string kind, string version, bool server)
    {
        var mode = server ? "server" : "client";
        var labels = new JsonObject
        {
            ["app.kubernetes.io/name"] = "{{ .Name }}",
            ["app.kubernetes.io/component"] = "networking",
            ["networking.liqo.io/component"] = "gateway",
        };
        var gatewayArgs = new List<string>
        {
            "--name={{ .Name }}", "--namespace={{ .Namespace }}", "--remote-cluster-id={{ .ClusterID }}",
            "--gateway-uid={{ .GatewayUID }}", "--mode=" + mode, "--container-name=gateway",
            "--health-probe-bind-address=:8085", "--ping-enabled=true", "--leader-election=true",
        };
        var wireguardArgs = new List<string>
        {
            "--name={{ .Name }}", "--namespace={{ .Namespace }}", "--remote-cluster-id={{ .ClusterID }}",
            "--gateway-uid={{ .GatewayUID }}", "--mode=" + mode, "--container-name=wireguard", "--mtu={{ .Spec.MTU }}",
        };
        if (server) wireguardArgs.Add("--listen-port={{ .Spec.Endpoint.Port }}");
        else
        {
            wireguardArgs.Add("--endpoint-address={{ index .Spec.Endpoint.Addresses 0 }}");
            wireguardArgs.Add("--endpoint-port={{ .Spec.Endpoint.Port }}");
        }
        var deployment = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "{{ .Name }}", ["namespace"] = "{{ .Namespace }}", ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["strategy"] = new JsonObject { ["type"] = "Recreate" },
                ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject
                    {
                        ["serviceAccountName"] = "{{ .Name }}",
                        ["containers"] = new JsonArray(
                            Container("gateway", "ghcr.io/liqotech/gateway:" + version, gatewayArgs),
                            Container("wireguard", "ghcr.io/liqotech/gateway/wireguard:" + version, wireguardArgs),
                            Container("geneve", "ghcr.io/liqotech/gateway/geneve:" + version,
                                ["--name={{ .Name }}", "--namespace={{ .Namespace }}", "--mode=" + mode, "--container-name=geneve"])),
                        ["volumes"] = new JsonArray(
                            new JsonObject { ["name"] = "wireguard-config", ["secret"] = new JsonObject { ["secretName"] = "{{ .SecretName }}" } },
                            new JsonObject { ["name"] = "ipc", ["emptyDir"] = new JsonObject() }),
                    },
                },
            },
        };
        var spec = new JsonObject
        {
            ["secretRef"] = new JsonObject { ["name"] = "{{ .Spec.SecretRef.Name }}" },
            ["deployment"] = deployment,
            ["metrics"] = new JsonObject { ["enabled"] = false },
        };
        if (server)
        {
            var serviceLabels = labels.DeepClone().AsObject();
            spec["service"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = "{{ .Name }}", ["namespace"] = "{{ .Namespace }}", ["labels"] = serviceLabels },
                ["spec"] = new JsonObject
                {
                    ["selector"] = labels.DeepClone(),
                    ["type"] = "{{ .Spec.Endpoint.ServiceType }}",
                    ["?loadBalancerIP"] = "{{ .Spec.Endpoint.LoadBalancerIP }}",
                    ["ports"] = new JsonArray(new JsonObject
                    {
                        ["port"] = "{{ .Spec.Endpoint.Port }}",
                        ["protocol"] = "UDP",
                        ["targetPort"] = "{{ .Spec.Endpoint.Port }}",
                        ["?nodePort"] = "{{ .Spec.Endpoint.NodePort }}",
                    }),
                },
            };
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = Obj.Map(LiqoInstaller.ChartLabels(name, "networking", version)),
            },
            ["spec"] = new JsonObject
            {
                ["objectKind"] = new JsonObject { ["apiVersion"] = "networking.liqo.io/v1beta1", ["kind"] = kind },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = "{{ .Name }}", ["namespace"] = "{{ .Namespace }}", ["labels"] = labels.DeepClone() },
                    ["spec"] = spec,
                },
            },
        };
    }

    private static JsonObject Container(string name, string image, List<string> args) => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["imagePullPolicy"] = "IfNotPresent",
        ["args"] = Obj.Strings(args),
        ["securityContext"] = new JsonObject
        {
            ["capabilities"] = new JsonObject { ["add"] = Obj.Strings(["NET_ADMIN", "NET_RAW"]) },
        },
    };
}
