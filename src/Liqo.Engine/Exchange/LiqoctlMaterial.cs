using System.Globalization;
using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Resources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Liqo.Engine.Exchange;

/// <summary>
/// Out-of-band material in liqoctl's own formats, both ways. liqoctl prints the objects themselves with k8s.io/cli-runtime's
/// YAMLPrinter (sigs.k8s.io/yaml over the Go struct): `liqoctl generate tenant` a Tenant, `generate identity` an Identity,
/// `generate configuration` a Configuration, and `liqoctl get nonce` the bare nonce (fmt.Print, no newline). Read back,
/// such a document names the cluster that made it (spec.clusterID, or the Configuration's remote-cluster-id label) but not
/// the one it is for, so its <see cref="PeeringMaterial.ForClusterId"/> is empty and that check is skipped, as liqoctl
/// does not make it either. What the module's envelope adds over liqoctl's format is exactly that check.
/// </summary>
public static class LiqoctlMaterial
{
    private const string AuthenticationApiVersion = "authentication.liqo.io/v1beta1";
    private const string NetworkingApiVersion = "networking.liqo.io/v1beta1";

    /// <summary>
    /// The text liqoctl prints for <paramref name="material"/>: YAML of the Tenant, the Identity or the Configuration, or the
    /// bare nonce. Gateway material has no liqoctl counterpart (liqoctl create gatewayserver/gatewayclient print nothing to hand over).
    /// </summary>
    public static string Format(PeeringMaterial material) => material.Kind switch
    {
        PeeringMaterial.NonceKind => material.String("nonce"),
        PeeringMaterial.TenantKind => GoYaml.Emit(AsPrinted(material.Object("tenant"))),
        PeeringMaterial.IdentityKind => GoYaml.Emit(AsPrinted(material.Object("identity"))),
        PeeringMaterial.NetworkConfigurationKind => GoYaml.Emit(Configuration(material)),
        _ => throw new LiqoException(ErrorIds.PeeringMaterialKindMismatch, LiqoErrorCategory.InvalidArgument, material.Kind,
            $"A {material.Kind} has no liqoctl format: liqoctl prints only the nonce, the Tenant, the Identity and the Configuration.",
            "Write it in the module's own format."),
    };

    /// <summary>
    /// Reads a Tenant, Identity or Configuration as liqoctl prints it (YAML, or JSON with -o json); null when the text is
    /// not one of them (the module's own envelope, or anything else).
    /// </summary>
    public static PeeringMaterial? TryParse(string text, string source)
    {
        if (Read(text) is not JsonObject doc) return null;
        var apiVersion = doc["apiVersion"]?.ToString();
        var kind = doc["kind"]?.ToString();
        switch (apiVersion, kind)
        {
            case (AuthenticationApiVersion, "Tenant"):
                return new PeeringMaterial(PeeringMaterial.TenantKind, From(doc.StringAt("spec.clusterID"), source), "", new JsonObject { ["tenant"] = doc });
            case (AuthenticationApiVersion, "Identity"):
                return new PeeringMaterial(PeeringMaterial.IdentityKind, From(doc.StringAt("spec.clusterID"), source), "", new JsonObject { ["identity"] = doc });
            case (NetworkingApiVersion, "Configuration"):
                var from = From(doc.Label(LiqoConstants.RemoteClusterIdLabel) ?? doc.Name(), source);
                var cidr = doc["spec"]?["remote"]?["cidr"] as JsonObject
                           ?? throw PeeringMaterial.Invalid(source, $"{source} is a Configuration without spec.remote.cidr.");
                return new PeeringMaterial(PeeringMaterial.NetworkConfigurationKind, from, "", new JsonObject
                {
                    ["cidr"] = new JsonObject { ["pod"] = cidr["pod"]?.DeepClone() ?? new JsonArray(), ["external"] = cidr["external"]?.DeepClone() ?? new JsonArray() },
                });
            default:
                return null;
        }
    }

    private static string From(string? clusterId, string source) =>
        clusterId is { Length: > 0 } id && ClusterId.IsValid(id) ? id
            : throw PeeringMaterial.Invalid(source, $"{source} names no valid cluster ID of the cluster that made it.");

    /// <summary>
    /// The object as the Go struct prints it: apiVersion, kind, metadata (name, namespace, labels, annotations: what forge
    /// sets; creationTimestamp is omitzero in apimachinery v0.35), spec, and status, a struct that encoding/json never
    /// omits ({} when empty).
    /// </summary>
    private static JsonObject AsPrinted(JsonObject o)
    {
        var meta = new JsonObject();
        foreach (var key in new[] { "name", "namespace", "labels", "annotations" })
            if (o["metadata"]?[key] is { } v && !(v is JsonValue s && s.ToString().Length == 0)) meta[key] = v.DeepClone();
        return new JsonObject
        {
            ["apiVersion"] = o["apiVersion"]?.DeepClone(),
            ["kind"] = o["kind"]?.DeepClone(),
            ["metadata"] = meta,
            ["spec"] = o["spec"]?.DeepClone() ?? new JsonObject(),
            ["status"] = new JsonObject(),
        };
    }

    /// <summary>forge.ConfigurationForRemoteCluster: named and labelled after the cluster that made it, no namespace, its CIDRs as the remote ones.</summary>
    private static JsonObject Configuration(PeeringMaterial material)
    {
        var cidr = material.Object("cidr");
        var remoteCidr = new JsonObject();
        if (cidr["external"] is JsonArray { Count: > 0 } external) remoteCidr["external"] = external.DeepClone();
        if (cidr["pod"] is JsonArray { Count: > 0 } pod) remoteCidr["pod"] = pod.DeepClone();
        return new JsonObject
        {
            ["apiVersion"] = NetworkingApiVersion,
            ["kind"] = "Configuration",
            ["metadata"] = new JsonObject
            {
                ["labels"] = new JsonObject { [LiqoConstants.RemoteClusterIdLabel] = material.FromClusterId },
                ["name"] = material.FromClusterId,
            },
            ["spec"] = new JsonObject { ["remote"] = new JsonObject { ["cidr"] = remoteCidr } },
            ["status"] = new JsonObject(),
        };
    }

    /// <summary>The first YAML (or JSON) document as JSON; null when the text is not YAML or holds no mapping.</summary>
    private static JsonNode? Read(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
        }
        catch (Exception e) when (e is YamlException or ArgumentException or InvalidCastException)
        {
            return null; // not YAML, a duplicate key, or a key that is not a scalar: not liqoctl's
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } p => Plain(p.Value),
        YamlScalarNode q => JsonValue.Create(q.Value ?? ""),
        _ => null,
    };

    /// <summary>A plain scalar as YAML 1.1 / go-yaml reads it: null, a boolean, an integer, or a string.</summary>
    private static JsonNode? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        _ => JsonValue.Create(value),
    };
}
