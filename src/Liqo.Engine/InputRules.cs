using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Liqo.Engine.Networking;
using Liqo.Engine.Offloading;
using Liqo.Engine.Peering;

namespace Liqo.Engine;

/// <summary>
/// The rules user input must follow before anything is written: each failure is ErrorId InvalidArgument with a message
/// naming the parameter, the value and the rule, so that bad input never costs a timeout or leaves objects behind.
/// </summary>
public static partial class InputRules
{
    /// <summary>The node ports a cluster hands out when its range is unknown (the API server's default range).</summary>
    public const int NodePortMin = 30000, NodePortMax = 32767;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNamePart();

    /// <summary>Everything New-LiqoPeering was given, checked before its first request.</summary>
    public static void Check(PeerOptions o)
    {
        Check(o.Network);
        if (o.Authentication.ProxyUrl is { } proxy) ProxyUrl(proxy);
        if (o.CreateResourceSlice) Check(o.ResourceSlice);
    }

    /// <summary>The gateway parameters (New-LiqoPeering, Enable-LiqoNetworking).</summary>
    public static void Check(NetworkConnectOptions o)
    {
        if (o.ServiceLoadBalancerIp is { Length: > 0 } ip && !IsIp(ip))
            throw Invalid("GatewayServerServiceLoadBalancerIP", ip, "must be an IPv4 or IPv6 address, such as 10.0.0.7");
        if (o.ClientAddress is { Length: > 0 } address && !IsIp(address) && !IsDnsName(address))
            throw Invalid("GatewayClientAddress", address, "must be an IP address or a DNS name the gateway client can dial");
        if (o.ServiceNodePort != 0 && o.ServiceNodePort is < NodePortMin or > NodePortMax)
            throw Invalid("GatewayServerServiceNodePort", o.ServiceNodePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"must be in the node-port range {NodePortMin}-{NodePortMax} (leave it out, or 0, to let the cluster choose)");
    }

    /// <summary>The slice's class and resources (New-LiqoPeering, New-LiqoResourceSlice).</summary>
    public static void Check(ResourceSliceOptions o)
    {
        if (!string.IsNullOrEmpty(o.Class) && !IsDns1123(o.Class))
            throw Invalid("ResourceSliceClass", o.Class, "must be a DNS-1123 name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
        Quantities.Canonical(o.Resources);
    }

    /// <summary>A name of a slice or virtual node (DNS-1123 subdomain, at most 253 characters).</summary>
    public static void ObjectName(string parameter, string name)
    {
        if (!IsDns1123(name))
            throw Invalid(parameter, name, "must be a DNS-1123 name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");
    }

    /// <summary>A cluster ID given by the user (-RemoteClusterId, -ClusterId).</summary>
    public static void RemoteClusterId(string id)
    {
        if (!ClusterId.IsValid(id) || id.Length > 63)
            throw Invalid("RemoteClusterId", id, "must be a valid cluster ID: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    }

    /// <summary>-ProxyUrl: an absolute http or https URL.</summary>
    public static void ProxyUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw Invalid("ProxyUrl", url, "must be an absolute http:// or https:// URL, such as http://proxy.example:8118");
    }

    /// <summary>A resource name: a Kubernetes qualified name (an optional DNS prefix and '/', then a name of at most 63 characters).</summary>
    public static void ResourceName(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var (prefix, local) = slash < 0 ? (null, name) : (name[..slash], name[(slash + 1)..]);
        if (local.Length is 0 or > 63 || !QualifiedNamePart().IsMatch(local) || prefix is not null && !IsDns1123(prefix))
            throw Invalid("Resource", name, "must be a qualified name such as cpu or nvidia.com/gpu: an optional DNS prefix and '/', then letters, digits, '-', '_' and '.'");
    }

    private static bool IsDns1123(string s) => s.Length <= 253 && Dns1123Subdomain().IsMatch(s);

    private static bool IsDnsName(string s) => IsDns1123(s.ToLowerInvariant());

    /// <summary>A dotted IPv4 address (four parts) or an IPv6 address; IPAddress.Parse alone would take "1" as 0.0.0.1.</summary>
    private static bool IsIp(string s) =>
        IPAddress.TryParse(s, out var ip) &&
        (ip.AddressFamily == AddressFamily.InterNetworkV6 && s.Contains(':', StringComparison.Ordinal) ||
         ip.AddressFamily == AddressFamily.InterNetwork && s.Split('.').Length == 4);

    internal static LiqoException Invalid(string parameter, string value, string rule) =>
        new(ErrorIds.InvalidArgument, LiqoErrorCategory.InvalidArgument, value, $"-{parameter} '{value}' is not valid: it {rule}.",
            $"Correct -{parameter}; nothing was written.");
}
