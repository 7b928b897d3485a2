using System.Collections;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>Turns PowerShell-shaped parameter values (hashtables, amounts, gateway flags) into what the engine takes.</summary>
internal static class ParameterConversions
{
    /// <summary>A hashtable (@{ 'nvidia.com/gpu' = '2' }) as name → text; null gives an empty map.</summary>
    public static Dictionary<string, string> Map(IDictionary? table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null) return map;
        foreach (DictionaryEntry e in table) map[e.Key.ToString()!] = e.Value?.ToString() ?? "";
        return map;
    }

    /// <summary>An -Output value (Json or Yaml, liqoctl's -o json|yaml) as the engine's format.</summary>
    public static MachineFormat Format(string? output) => output == "Json" ? MachineFormat.Json : MachineFormat.Yaml;

    /// <summary>cpu, memory and pods (when given) plus the other resources.</summary>
    public static Dictionary<string, string> Resources(string? cpu, string? memory, string? pods, IDictionary? other)
    {
        var resources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(cpu)) resources["cpu"] = cpu;
        if (!string.IsNullOrEmpty(memory)) resources["memory"] = memory;
        if (!string.IsNullOrEmpty(pods)) resources["pods"] = pods;
        foreach (var (k, v) in Map(other)) resources[k] = v;
        return resources;
    }

    /// <summary>The gateway server's Service, MTU and template check (liqoctl's --gw-server-service-*, --mtu, --skip-validation).</summary>
    public static NetworkConnectOptions GatewayServer(Liqo.GatewayServiceType serviceType, int servicePort, int serviceNodePort,
        string? serviceLoadBalancerIp, int mtu, bool skipValidation) => new()
    {
        ServiceType = (Engine.Networking.GatewayServiceType)(int)serviceType,
        ServicePort = servicePort,
        ServiceNodePort = serviceNodePort,
        ServiceLoadBalancerIp = serviceLoadBalancerIp,
        Mtu = mtu,
        SkipValidation = skipValidation,
    };

    /// <summary>The address and port the gateway client dials, its MTU and template check (liqoctl's --gw-client-*, --mtu, --skip-validation).</summary>
    public static NetworkConnectOptions GatewayClient(string? address, int port, int mtu, bool skipValidation) =>
        new() { ClientAddress = address, ClientPort = port, Mtu = mtu, SkipValidation = skipValidation };

    /// <summary>
    /// All of liqoctl's --gw-* flags, --mtu and --skip-validation, as New-LiqoPeering and Enable-LiqoNetworking take them:
    /// the gateway server's Service and the address and port the gateway client dials.
    /// </summary>
    public static NetworkConnectOptions GatewayOptions(Liqo.GatewayServiceType serverServiceType, int serverServicePort,
        int serverServiceNodePort, string? serverServiceLoadBalancerIp, string? clientAddress, int clientPort, int mtu, bool skipValidation) =>
        GatewayServer(serverServiceType, serverServicePort, serverServiceNodePort, serverServiceLoadBalancerIp, mtu, skipValidation) with
        {
            ClientAddress = clientAddress,
            ClientPort = clientPort,
        };
}
