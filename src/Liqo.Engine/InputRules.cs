using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Liqo.Engine.Networking;
using Liqo.Engine.Offloading;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;

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
        foreach (var (label, _) in o.ResourceSlice.Resources) ResourceName(label);
    }

    /// <summary>
    /// The gateway parameters. Their names are <paramref name="server"/> + "ServiceNodePort"..., <paramref name="client"/> +
    /// "Address"...: "GatewayServer"/"GatewayClient" for New-LiqoPeering and Enable-LiqoNetworking, "" for
    /// New-LiqoGatewayServer's and New-LiqoGatewayClient's own. A node port outside the API server's default range is
    /// refused unless -SkipValidation (the API does not publish a cluster's --service-node-port-range).
    /// </summary>
    public static void Check(NetworkConnectOptions o, string server = "GatewayServer", string client = "GatewayClient")
    {
        if (o.ServiceLoadBalancerIp is { Length: > 0 } ip && !IsIp(ip))
            throw Invalid(server + "ServiceLoadBalancerIP", ip, "must be an IPv4 or IPv6 address, such as 10.0.0.7");
        if (o.ClientAddress is { Length: > 0 } address && !IsIp(address) && !IsDnsName(address))
            throw Invalid(client + "Address", address, "must be an IP address or a DNS name the gateway client can dial");
        if (o.ServiceNodePort != 0 && o.ServiceNodePort is < NodePortMin or > NodePortMax && !o.SkipValidation)
            throw Invalid(server + "ServiceNodePort", o.ServiceNodePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"must be in the node-port range {NodePortMin}-{NodePortMax}, the API server's default (leave it out, or 0, to let the cluster choose; " +
                "for a cluster with another --service-node-port-range add -SkipValidation)");
        ObjectName(server + "TemplateName", o.ServerTemplateName);
        ObjectName(client + "TemplateName", o.ClientTemplateName);
        if (o.ServerTemplateNamespace is { } serverNs) NamespaceName(server + "TemplateNamespace", serverNs);
        if (o.ClientTemplateNamespace is { } clientNs) NamespaceName(client + "TemplateNamespace", clientNs);
        GatewayType.Parse(server + "Type", o.ServerGatewayType);
        GatewayType.Parse(client + "Type", o.ClientGatewayType);
    }

    /// <summary>The slice's class and resources (New-LiqoPeering's -ResourceSliceClass, New-LiqoResourceSlice's -Class).</summary>
    public static void Check(ResourceSliceOptions o, string classParameter = "ResourceSliceClass")
    {
        if (!string.IsNullOrEmpty(o.Class) && !IsDns1123(o.Class))
            throw Invalid(classParameter, o.Class, "must be a DNS-1123 name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
        Quantities.Canonical(o.Resources);
    }

    /// <summary>The slice's name, the provider's ID, the class and the resources; a 422 on the slice names the parameter.</summary>
    public static void CheckResourceSlice(Operation op, string name, string remoteClusterId, ResourceSliceOptions o, string classParameter)
    {
        ObjectName("Name", name);
        RemoteClusterId(remoteClusterId);
        Check(o, classParameter);
        op.MapParameters(Kinds.ResourceSlice, new Dictionary<string, string>
        {
            ["metadata.name"] = "Name", ["spec.class"] = classParameter, ["spec.resources"] = "Resource",
        });
    }

    /// <summary>The gateway parameters (see <see cref="Check(NetworkConnectOptions, string, string)"/>); a 422 on a gateway names the parameter.</summary>
    public static void CheckGateways(Operation op, NetworkConnectOptions o, string server = "GatewayServer", string client = "GatewayClient")
    {
        Check(o, server, client);
        op.MapParameters(Kinds.GatewayServer, new Dictionary<string, string>
        {
            ["spec.endpoint.nodePort"] = server + "ServiceNodePort", ["spec.endpoint.loadBalancerIP"] = server + "ServiceLoadBalancerIP",
            ["spec.endpoint.port"] = server + "ServicePort", ["spec.endpoint.serviceType"] = server + "ServiceType", ["spec.mtu"] = "Mtu",
            ["spec.serverTemplateRef"] = server + "TemplateName",
        });
        op.MapParameters(Kinds.GatewayClient, new Dictionary<string, string>
        {
            ["spec.endpoint.addresses"] = client + "Address", ["spec.endpoint.port"] = client + "Port", ["spec.mtu"] = "Mtu",
            ["spec.clientTemplateRef"] = client + "TemplateName",
        });
    }

    /// <summary>-ProxyUrl of the Tenant, when given; a 422 on the Tenant's proxyURL names it.</summary>
    public static void CheckTenant(Operation op, string? proxyUrl)
    {
        if (!string.IsNullOrEmpty(proxyUrl)) ProxyUrl(proxyUrl);
        op.MapParameters(Kinds.Tenant, new Dictionary<string, string> { ["spec.proxyURL"] = "ProxyUrl" });
    }

    /// <summary>New-LiqoVirtualNode: every name, amount, label and selector it was given; a 422 on the VirtualNode names the parameter.</summary>
    public static void CheckVirtualNode(Operation op, string name, string remoteClusterId, VirtualNodeOptions o)
    {
        op.MapParameters(Kinds.VirtualNode, new Dictionary<string, string>
        {
            ["metadata.name"] = "Name", ["spec.labels"] = "Label", ["spec.offloadingPatch.nodeSelector"] = "NodeSelector",
            ["spec.offloadingPatch.runtimeClassName"] = "RuntimeClassName", ["spec.storageClasses"] = "StorageClass",
            ["spec.ingressClasses"] = "IngressClass", ["spec.loadBalancerClasses"] = "LoadBalancerClass", ["spec.resourceQuota"] = "Resource",
            ["spec.kubeconfigSecretRef"] = "KubeconfigSecretName", ["spec.vkOptionsTemplateRef"] = "VkOptionsTemplate",
        });
        ObjectName("Name", name);
        RemoteClusterId(remoteClusterId);
        if (!string.IsNullOrEmpty(o.KubeconfigSecretName)) ObjectName("KubeconfigSecretName", o.KubeconfigSecretName);
        if (!string.IsNullOrEmpty(o.ResourceSliceName)) ObjectName("ResourceSliceName", o.ResourceSliceName);
        Quantities.Canonical(o.Resources);
        foreach (var c in o.StorageClasses) ObjectName("StorageClass", c);
        foreach (var c in o.IngressClasses) ObjectName("IngressClass", c);
        foreach (var c in o.LoadBalancerClasses) ObjectName("LoadBalancerClass", c);
        if (!string.IsNullOrEmpty(o.RuntimeClassName)) ObjectName("RuntimeClassName", o.RuntimeClassName);
        Labels("Label", o.Labels);
        Labels("NodeSelector", o.NodeSelector);
        if (o.VkOptionsTemplate is { Length: > 0 } template)
        {
            var parts = template.Split('/');
            if (parts.Length > 2 || parts.Length == 2 && !IsDns1123Label(parts[0]) || !IsDns1123(parts[^1]))
                throw Invalid("VkOptionsTemplate", template, "must be a name or namespace/name of a VkOptionsTemplate, each a DNS-1123 name");
        }
    }

    /// <summary>Label keys (qualified names) and values (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit).</summary>
    public static void Labels(string parameter, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in labels)
        {
            QualifiedName(parameter, key, "a label key such as app or example.com/tier");
            if (value.Length > 63 || value.Length > 0 && !QualifiedNamePart().IsMatch(value))
                throw Invalid(parameter, $"{key}={value}", "must have a label value of at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
    }

    /// <summary>A name of a slice or virtual node (DNS-1123 subdomain, at most 253 characters).</summary>
    public static void ObjectName(string parameter, string name)
    {
        if (!IsDns1123(name))
            throw Invalid(parameter, name, "must be a DNS-1123 name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");
    }

    /// <summary>A namespace's name (DNS-1123 label, at most 63 characters).</summary>
    public static void NamespaceName(string parameter, string name)
    {
        if (!IsDns1123Label(name))
            throw Invalid(parameter, name, "must be a namespace name: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    }

    /// <summary>A cluster ID given by the user (-RemoteClusterId, -ProviderClusterId, -ConsumerClusterId).</summary>
    public static void RemoteClusterId(string id, string parameter = "RemoteClusterId")
    {
        if (!ClusterId.IsValid(id) || id.Length > 63)
            throw Invalid(parameter, id, "must be a valid cluster ID: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    }

    /// <summary>-ProxyUrl: an absolute http or https URL.</summary>
    public static void ProxyUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw Invalid("ProxyUrl", url, "must be an absolute http:// or https:// URL, such as http://proxy.example:8118");
    }

    /// <summary>A resource name: a Kubernetes qualified name (an optional DNS prefix and '/', then a name of at most 63 characters).</summary>
    public static void ResourceName(string name) => QualifiedName("Resource", name, "a resource name such as cpu or nvidia.com/gpu");

    private static void QualifiedName(string parameter, string name, string example)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var (prefix, local) = slash < 0 ? (null, name) : (name[..slash], name[(slash + 1)..]);
        if (local.Length is 0 or > 63 || !QualifiedNamePart().IsMatch(local) || prefix is not null && !IsDns1123(prefix))
            throw Invalid(parameter, name, $"must be a qualified name, {example}: an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.'");
    }

    /// <summary>
    /// A 422 Invalid answer to one of the module's writes, for a field that holds a parameter's value (<paramref name="fields"/>:
    /// field path prefix, e.g. "spec.class", to parameter name): the server's cause as an InvalidArgument error naming the
    /// parameter, the value and the server's rule. Null when no cause is about such a field.
    /// </summary>
    public static LiqoException? FromServer(Resources.KubeApiException e, IReadOnlyDictionary<string, string> fields)
    {
        if (e.Code != 422) return null;
        foreach (var cause in e.Causes)
        {
            var parameter = fields.Where(f => cause.Field == f.Key || cause.Field.StartsWith(f.Key + ".", StringComparison.Ordinal) ||
                                               cause.Field.StartsWith(f.Key + "[", StringComparison.Ordinal))
                .Select(f => f.Value).FirstOrDefault();
            if (parameter is null) continue;
            var (value, rule) = SplitCause(cause.Message);
            var error = Invalid(parameter, value, $"was refused by the API server ({cause.Field}): {rule}");
            return new LiqoException(error.ErrorId, error.Category, error.TargetObject, error.Message, error.RecommendedAction, e);
        }
        return null;
    }

    /// <summary>"Invalid value: 40000: provided port is not in the valid range..." as (40000, the rest); else ("", the message).</summary>
    private static (string Value, string Rule) SplitCause(string message)
    {
        const string prefix = "Invalid value: ";
        if (!message.StartsWith(prefix, StringComparison.Ordinal)) return ("", message);
        var rest = message[prefix.Length..];
        var end = rest.StartsWith('"') ? rest.IndexOf("\": ", 1, StringComparison.Ordinal) + 1 : rest.IndexOf(": ", StringComparison.Ordinal);
        return end <= 0 ? ("", message) : (rest[..end].Trim('"'), rest[(end + 2)..]);
    }

    private static bool IsDns1123(string s) => s.Length <= 253 && Dns1123Subdomain().IsMatch(s);

    private static bool IsDns1123Label(string s) => s.Length <= 63 && Dns1123Subdomain().IsMatch(s) && !s.Contains('.', StringComparison.Ordinal);

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
