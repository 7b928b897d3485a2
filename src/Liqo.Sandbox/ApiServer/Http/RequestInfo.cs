using Microsoft.AspNetCore.Http;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>
/// What a request addresses, parsed like the API server's RequestInfoFactory: API group/version, namespace, resource,
/// subresource, name and the Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection), or a
/// non-resource path with the lower-case HTTP method as verb.
/// </summary>
internal sealed record RequestInfo
{
    public required bool IsResourceRequest { get; init; }
    public required string Path { get; init; }
    public required string Verb { get; init; }
    public string ApiPrefix { get; init; } = "";
    public string Group { get; init; } = "";
    public string Version { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string Resource { get; init; } = "";
    public string Subresource { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>A namespaced resource addressed without /namespaces/{ns} (list/watch across namespaces).</summary>
    public bool NamespaceInPath { get; init; }

    public static bool IsWatch(IQueryCollection query) =>
        query.TryGetValue("watch", out var w) && (w.ToString() == "true" || w.ToString() == "1");

    public static RequestInfo Parse(string method, string path, IQueryCollection query)
    {
        var nonResource = new RequestInfo { IsResourceRequest = false, Path = path, Verb = method.ToLowerInvariant() };
        var parts = path.Trim('/').Split('/', StringSplitOptions.None);
        if (parts.Length == 0 || parts[0] is not ("api" or "apis")) return nonResource;
        string group, version;
        int i;
        if (parts[0] == "api")
        {
            if (parts.Length < 3) return nonResource;
            group = "";
            version = parts[1];
            i = 2;
        }
        else
        {
            if (parts.Length < 4) return nonResource;
            group = parts[1];
            version = parts[2];
            i = 3;
        }
        var rest = parts[i..].Select(Uri.UnescapeDataString).ToArray();
        var legacyWatch = false;
        if (rest.Length > 0 && rest[0] == "watch")
        {
            legacyWatch = true;
            rest = rest[1..];
        }
        var ns = "";
        var nsInPath = false;
        if (rest.Length > 0 && rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            nsInPath = true;
            if (rest.Length > 2 && rest[2] is not ("status" or "finalize")) rest = rest[2..];
        }
        if (rest.Length == 0 || rest.Any(p => p.Length == 0)) return nonResource;
        var resource = rest[0];
        var name = rest.Length > 1 ? rest[1] : "";
        var sub = rest.Length > 2 ? string.Join("/", rest[2..]) : "";
        var verb = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => legacyWatch || IsWatch(query) ? "watch" : name.Length > 0 ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name.Length > 0 ? "delete" : "deletecollection",
            _ => method.ToLowerInvariant(),
        };
        return new RequestInfo
        {
            IsResourceRequest = true, Path = path, Verb = verb, ApiPrefix = parts[0], Group = group, Version = version,
            Namespace = ns, Resource = resource, Subresource = sub, Name = name, NamespaceInPath = nsInPath,
        };
    }
}
