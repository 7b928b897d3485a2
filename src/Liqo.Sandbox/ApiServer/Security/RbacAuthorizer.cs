using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Storage;

namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>
/// RBAC from the Roles, ClusterRoles, RoleBindings and ClusterRoleBindings stored in the cluster itself. system:masters
/// bypasses it. Aggregated ClusterRoles are not aggregated (their own rules count).
/// </summary>
internal sealed class RbacAuthorizer(ClusterStore store)
{
    private const string Rbac = "rbac.authorization.k8s.io/";

    public (bool Allowed, string Reason) Authorize(UserInfo user, AuthorizationAttributes a)
    {
        if (user.IsMaster) return (true, "");
        var clusterRoles = store.Snapshot(Rbac + "clusterroles").ToDictionary(ObjectMeta.Name);
        foreach (var crb in store.Snapshot(Rbac + "clusterrolebindings"))
        {
            var subject = MatchingSubject(crb, user, "");
            if (subject is null) continue;
            var roleName = ServerJson.Str(ServerJson.Obj(crb, "roleRef"), "name") ?? "";
            if (ServerJson.Str(ServerJson.Obj(crb, "roleRef"), "kind") != "ClusterRole"
                || !clusterRoles.TryGetValue(roleName, out var role)) continue;
            if (Allows(role, a))
                return (true, $"RBAC: allowed by ClusterRoleBinding {Strconv.Quote(ObjectMeta.Name(crb))} of ClusterRole {Strconv.Quote(roleName)} to {subject}");
        }
        if (a.Namespace.Length > 0)
        {
            var roles = store.Snapshot(Rbac + "roles").Where(r => ObjectMeta.Namespace(r) == a.Namespace).ToDictionary(ObjectMeta.Name);
            foreach (var rb in store.Snapshot(Rbac + "rolebindings").Where(b => ObjectMeta.Namespace(b) == a.Namespace))
            {
                var subject = MatchingSubject(rb, user, a.Namespace);
                if (subject is null) continue;
                var roleRef = ServerJson.Obj(rb, "roleRef");
                var roleName = ServerJson.Str(roleRef, "name") ?? "";
                var kind = ServerJson.Str(roleRef, "kind");
                JsonObject? role = kind == "ClusterRole" ? clusterRoles.GetValueOrDefault(roleName)
                    : kind == "Role" ? roles.GetValueOrDefault(roleName) : null;
                if (role is not null && Allows(role, a))
                    return (true, $"RBAC: allowed by RoleBinding {Strconv.Quote(ObjectMeta.Name(rb) + "/" + a.Namespace)} of {kind} {Strconv.Quote(roleName)} to {subject}");
            }
        }
        return (false, "");
    }

    /// <summary>The real server's Forbidden message for a denied request.</summary>
    public static ApiException Forbidden(UserInfo user, AuthorizationAttributes a)
    {
        if (!a.IsResourceRequest)
            return new ApiException(403, "Forbidden", $"forbidden: User {Strconv.Quote(user.Name)} cannot {a.Verb} path {Strconv.Quote(a.Path)}");
        var resource = a.Subresource.Length > 0 ? a.Resource + "/" + a.Subresource : a.Resource;
        var scope = a.Namespace.Length > 0 ? $"in the namespace {Strconv.Quote(a.Namespace)}" : "at the cluster scope";
        return ApiErrors.Forbidden(a.Group, a.Resource, a.Name,
            $"User {Strconv.Quote(user.Name)} cannot {a.Verb} resource {Strconv.Quote(resource)} in API group {Strconv.Quote(a.Group)} {scope}");
    }

    private static string? MatchingSubject(JsonObject binding, UserInfo user, string bindingNamespace)
    {
        foreach (var s in (ServerJson.Arr(binding, "subjects") ?? []).OfType<JsonObject>())
        {
            var kind = ServerJson.Str(s, "kind");
            var name = ServerJson.Str(s, "name") ?? "";
            switch (kind)
            {
                case "User" when name == user.Name:
                    return $"User {Strconv.Quote(name)}";
                case "Group" when user.Groups.Contains(name):
                    return $"Group {Strconv.Quote(name)}";
                case "ServiceAccount":
                    var ns = ServerJson.Str(s, "namespace") ?? bindingNamespace;
                    if (user.Name == $"system:serviceaccount:{ns}:{name}") return $"ServiceAccount {Strconv.Quote(name + "/" + ns)}";
                    break;
            }
        }
        return null;
    }

    private static bool Allows(JsonObject role, AuthorizationAttributes a)
    {
        foreach (var rule in (ServerJson.Arr(role, "rules") ?? []).OfType<JsonObject>())
        {
            var verbs = Strings(rule, "verbs");
            if (!verbs.Contains("*") && !verbs.Contains(a.Verb)) continue;
            if (!a.IsResourceRequest)
            {
                foreach (var url in Strings(rule, "nonResourceURLs"))
                    if (url == "*" || url == a.Path || (url.EndsWith('*') && a.Path.StartsWith(url[..^1], StringComparison.Ordinal)))
                        return true;
                continue;
            }
            var groups = Strings(rule, "apiGroups");
            if (!groups.Contains("*") && !groups.Contains(a.Group)) continue;
            var resources = Strings(rule, "resources");
            var combined = a.Subresource.Length > 0 ? a.Resource + "/" + a.Subresource : a.Resource;
            var resourceOk = resources.Any(r => r == "*" || r == combined ||
                (a.Subresource.Length > 0 && r == "*/" + a.Subresource) ||
                (a.Subresource.Length == 0 && r == a.Resource));
            if (!resourceOk) continue;
            var names = Strings(rule, "resourceNames");
            if (names.Count > 0 && (a.Name.Length == 0 || !names.Contains(a.Name))) continue;
            return true;
        }
        return false;
    }

    private static List<string> Strings(JsonObject o, string field) =>
        (ServerJson.Arr(o, field) ?? []).Select(n =>
            n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList();
}
