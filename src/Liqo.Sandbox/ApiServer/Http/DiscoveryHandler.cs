using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>
/// /version, health endpoints, and discovery: the aggregated v2 form (APIGroupDiscoveryList) when asked for it, the
/// legacy APIVersions/APIGroupList/APIGroup/APIResourceList otherwise. Generated from the type registry.
/// </summary>
internal sealed class DiscoveryHandler(TypeRegistry types, string serverVersion, Func<string> serverAddress)
{
    public ApiResponse? TryHandle(string path, MediaTypes accept)
    {
        var trimmed = path.TrimEnd('/');
        switch (trimmed)
        {
            case "/version":
                return ApiResponse.Ok(Version());
            case "/healthz" or "/livez" or "/readyz":
                return new ApiResponse { Body = JsonValue.Create("ok"), ContentType = "text/plain; charset=utf-8" };
            case "/api":
                return accept.Choose("APIGroupDiscoveryList") == "APIGroupDiscoveryList"
                    ? Aggregated(core: true)
                    : ApiResponse.Ok(new JsonObject
                    {
                        ["kind"] = "APIVersions",
                        ["versions"] = new JsonArray("v1"),
                        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress() }),
                    });
            case "/apis":
                return accept.Choose("APIGroupDiscoveryList") == "APIGroupDiscoveryList"
                    ? Aggregated(core: false)
                    : ApiResponse.Ok(new JsonObject
                    {
                        ["kind"] = "APIGroupList",
                        ["apiVersion"] = "v1",
                        ["groups"] = new JsonArray(types.Groups().Where(g => g.Group.Length > 0).Select(g => (JsonNode)Group(g.Group, g.Versions)).ToArray()),
                    });
            case "/api/v1":
                return ApiResponse.Ok(ResourceList("", "v1"));
        }
        var parts = trimmed.Trim('/').Split('/');
        if (parts.Length == 2 && parts[0] == "apis")
        {
            var g = types.Groups().FirstOrDefault(x => x.Group == parts[1] && parts[1].Length > 0);
            if (g.Group is null) return ApiResponse.FromError(ApiErrors.NotFoundUrlError());
            var group = Group(g.Group, g.Versions);
            group["kind"] = "APIGroup";
            group["apiVersion"] = "v1";
            return ApiResponse.Ok(group);
        }
        if (parts.Length == 3 && parts[0] == "apis")
        {
            if (!types.All.Any(t => t.Group == parts[1] && t.Version == parts[2] && parts[1].Length > 0))
                return ApiResponse.FromError(ApiErrors.NotFoundUrlError());
            return ApiResponse.Ok(ResourceList(parts[1], parts[2]));
        }
        if (parts.Length == 2 && parts[0] == "api") return ApiResponse.FromError(ApiErrors.NotFoundUrlError());
        return null;
    }

    /// <summary>Whether a path is served here (used to tell discovery from unknown URLs).</summary>
    public static bool IsDiscoveryPath(string path)
    {
        var parts = path.Trim('/').Split('/');
        return path.TrimEnd('/') is "/version" or "/healthz" or "/livez" or "/readyz" or "/api" or "/apis"
            || (parts[0] == "api" && parts.Length == 2) || (parts[0] == "apis" && parts.Length is 2 or 3);
    }

    private JsonObject Version()
    {
        var v = serverVersion.TrimStart('v').Split('.');
        return new JsonObject
        {
            ["major"] = v.Length > 0 ? v[0] : "1",
            ["minor"] = v.Length > 1 ? v[1] : "32",
            ["gitVersion"] = serverVersion,
            ["gitCommit"] = "9894294ef13a5b32803e3ca2c0d620a088cc84d1",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-04-22T16:00:00Z",
            ["goVersion"] = "go1.23.6",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions)
    {
        var arr = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = name + "/" + v, ["version"] = v }).ToArray());
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = arr,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = name + "/" + versions[0], ["version"] = versions[0] },
        };
    }

    /// <summary>The subresources the sandbox serves, in the real server's order; Kind null: the resource's own kind.</summary>
    private static IEnumerable<(string Name, string[] Verbs, string? Group, string? Version, string? Kind)> Subresources(ResourceType t)
    {
        // pods/eviction answers with a policy/v1 Eviction (kubectl drain finds the eviction API version here)
        if (t.Key == "/pods") yield return ("eviction", ["create"], "policy", "v1", "Eviction");
        if (t.HasStatus) yield return ("status", ["get", "patch", "update"], null, null, null);
        if (t.Key == "/namespaces") yield return ("finalize", ["update"], null, null, null);
    }

    private static JsonArray Strings(IEnumerable<string> s) => new(s.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray());

    private JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var t in types.All.Where(t => t.Group == group && t.Version == version).OrderBy(t => t.Plural, StringComparer.Ordinal))
        {
            var r = new JsonObject
            {
                ["name"] = t.Plural, ["singularName"] = t.Singular, ["namespaced"] = t.Namespaced, ["kind"] = t.Kind,
                ["verbs"] = Strings(t.Verbs),
            };
            if (t.ShortNames.Count > 0) r["shortNames"] = Strings(t.ShortNames);
            if (t.Categories.Count > 0) r["categories"] = Strings(t.Categories);
            resources.Add(r);
            foreach (var (sub, verbs, subGroup, subVersion, subKind) in Subresources(t))
            {
                var entry = new JsonObject { ["name"] = t.Plural + "/" + sub, ["singularName"] = "", ["namespaced"] = t.Namespaced };
                if (subKind is not null)
                {
                    entry["group"] = subGroup;
                    entry["version"] = subVersion;
                }
                entry["kind"] = subKind ?? t.Kind;
                entry["verbs"] = Strings(verbs);
                resources.Add(entry);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    private ApiResponse Aggregated(bool core)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in types.Groups().Where(g => (g.Group.Length == 0) == core))
        {
            var versionArr = new JsonArray();
            foreach (var v in versions)
            {
                var resources = new JsonArray();
                foreach (var t in types.All.Where(t => t.Group == group && t.Version == v).OrderBy(t => t.Plural, StringComparer.Ordinal))
                {
                    var kind = new JsonObject { ["group"] = group, ["version"] = v, ["kind"] = t.Kind };
                    var r = new JsonObject
                    {
                        ["resource"] = t.Plural, ["responseKind"] = kind, ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = t.Singular, ["verbs"] = Strings(t.Verbs),
                    };
                    if (t.ShortNames.Count > 0) r["shortNames"] = Strings(t.ShortNames);
                    if (t.Categories.Count > 0) r["categories"] = Strings(t.Categories);
                    var subs = new JsonArray();
                    foreach (var (sub, verbs, subGroup, subVersion, subKind) in Subresources(t))
                        subs.Add(new JsonObject
                        {
                            ["subresource"] = sub,
                            ["responseKind"] = subKind is null ? kind.DeepClone() : new JsonObject { ["group"] = subGroup, ["version"] = subVersion, ["kind"] = subKind },
                            ["verbs"] = Strings(verbs),
                        });
                    if (subs.Count > 0) r["subresources"] = subs;
                    resources.Add(r);
                }
                versionArr.Add(new JsonObject { ["version"] = v, ["resources"] = resources, ["freshness"] = "Current" });
            }
            var meta = new JsonObject();
            if (!core) meta["name"] = group;
            meta["creationTimestamp"] = null;
            items.Add(new JsonObject { ["metadata"] = meta, ["versions"] = versionArr });
        }
        return new ApiResponse
        {
            Body = new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = items },
            ContentType = MediaTypes.AggregatedDiscovery,
        };
    }
}
