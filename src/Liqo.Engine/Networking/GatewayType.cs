using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// The type of a gateway's template, as liqoctl takes it (network connect --gw-server-type/--gw-client-type, create
/// gatewayserver/gatewayclient --type): "group/version/resource", by default Liqo's WireGuard templates. liqoctl turns the
/// resource into the template reference's kind through the API server's discovery (ResourceToKind) and reads the template
/// through it; Liqo's gateway operators turn the kind back into a resource by lower-casing and pluralizing it
/// (KindToResource) to read the template.
/// </summary>
public sealed partial record GatewayType(string Group, string Version, string Resource)
{
    /// <summary>liqoctl's --gw-server-type default (forge.DefaultGwServerType).</summary>
    public const string DefaultServer = "networking.liqo.io/v1beta1/wggatewayservertemplates";

    /// <summary>liqoctl's --gw-client-type default (forge.DefaultGwClientType).</summary>
    public const string DefaultClient = "networking.liqo.io/v1beta1/wggatewayclienttemplates";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$")]
    private static partial Regex GroupName();

    [GeneratedRegex("^v[0-9]+((alpha|beta)[0-9]+)?$")]
    private static partial Regex VersionName();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ResourceName();

    public override string ToString() => $"{Group}/{Version}/{Resource}";

    /// <summary>
    /// The type in liqoctl's form, checked before anything is sent: three parts split by '/' as liqoctl's
    /// ParseGroupVersionResource, and (stricter than liqoctl, which leaves the rest to discovery) a dotted API group, a
    /// Kubernetes version (v1, v1beta1) and a lower-case resource name.
    /// </summary>
    public static GatewayType Parse(string parameter, string value)
    {
        var parts = value.Split('/');
        if (parts.Length != 3 || parts[0].Length > 253 || !GroupName().IsMatch(parts[0]) || !VersionName().IsMatch(parts[1]) ||
            parts[2].Length > 63 || !ResourceName().IsMatch(parts[2]))
            throw InputRules.Invalid(parameter, value,
                "must be the template type as group/version/resource (liqoctl's form), such as " + DefaultServer +
                ": a dotted API group, a version such as v1beta1 and the lower-case plural resource name");
        return new GatewayType(parts[0], parts[1], parts[2]);
    }

    /// <summary>
    /// The template's resource kind on the cluster: Liqo's WireGuard templates as the module knows them, any other type
    /// through discovery as liqoctl's ResourceToKind (the resource is a kind's guessed plural or singular). A type the
    /// cluster does not serve is GatewayTypeNotFound; a kind whose lower-cased plural is not the served resource is refused
    /// (InvalidArgument), because Liqo's gateway operators would look the template up under that plural and never find it.
    /// </summary>
    public async Task<ResourceKind> ResolveAsync(ClusterConnection cluster, string parameter, CancellationToken ct)
    {
        foreach (var known in new[] { Kinds.WgGatewayServerTemplate, Kinds.WgGatewayClientTemplate })
            if (known.Group == Group && known.Version == Version && Resource == known.Plural) return known;
        var discovery = await cluster.Api.DiscoverAsync(Group, Version, ct).ConfigureAwait(false);
        foreach (var r in (discovery?["resources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = r["name"]?.GetValue<string>() ?? "";
            var kind = r["kind"]?.GetValue<string>() ?? "";
            if (name.Contains('/', StringComparison.Ordinal) || kind.Length == 0) continue; // subresources
            if (GuessPlural(kind) != Resource && !string.Equals(kind, Resource, StringComparison.OrdinalIgnoreCase)) continue;
            if (GuessPlural(kind) != name)
                throw InputRules.Invalid(parameter, ToString(),
                    $"names kind {kind}, served as '{name}', but Liqo's gateway operators read a template of kind {kind} as '{GuessPlural(kind)}' (its kind lower-cased and pluralized), so they would never find it");
            return new ResourceKind(Group, Version, name, kind, r["namespaced"]?.GetValue<bool>() ?? true);
        }
        throw new LiqoException(ErrorIds.GatewayTypeNotFound, LiqoErrorCategory.ObjectNotFound, ToString(),
            $"unable to find Kind name associated to resources \"{Resource}\" in {Group}/{Version} on the {cluster.Scope} cluster (-{parameter} '{this}')",
            "Name a template type the cluster serves (kubectl api-resources), or leave the parameter out for Liqo's WireGuard templates; nothing was written.");
    }

    /// <summary>apimachinery's UnsafeGuessKindToResource plural, which Liqo's KindToResource uses: lower case, then -s, -es or -ies.</summary>
    public static string GuessPlural(string kind)
    {
        var singular = kind.ToLowerInvariant();
        if (singular.Length == 0 || singular.EndsWith("endpoints", StringComparison.Ordinal)) return singular;
        return singular[^1] switch
        {
            's' => singular + "es",
            'y' => singular[..^1] + "ies",
            _ => singular + "s",
        };
    }
}
