using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>
/// RBAC escalation prevention: a user may write a Role/ClusterRole only with permissions they hold (or the escalate verb),
/// and a RoleBinding/ClusterRoleBinding only to a role whose permissions they hold (or the bind verb on it).
/// </summary>
internal sealed class EscalationCheck(ClusterStore store, RbacAuthorizer rbac, UserInfo user)
{
    private const string Group = "rbac.authorization.k8s.io";

    public static bool Applies(ResourceType type) =>
        type.Group == Group && type.Plural is "roles" or "clusterroles" or "rolebindings" or "clusterrolebindings";

    /// <summary>Throws the real 403 when the written object grants more than the user holds.</summary>
    public void Check(ResourceType type, JsonObject obj)
    {
        if (user.IsMaster) return;
        var name = ObjectMeta.Name(obj);
        var ns = type.Namespaced ? ObjectMeta.Namespace(obj) : "";
        JsonArray? rules;
        if (type.Plural is "roles" or "clusterroles")
        {
            if (Allowed("escalate", type.Plural, ns, name)) return;
            rules = ServerJson.Arr(obj, "rules");
        }
        else
        {
            var roleRef = ServerJson.Obj(obj, "roleRef");
            var roleKind = ServerJson.Str(roleRef, "kind");
            var roleName = ServerJson.Str(roleRef, "name") ?? "";
            var roleResource = roleKind == "ClusterRole" ? "clusterroles" : "roles";
            if (Allowed("bind", roleResource, roleKind == "ClusterRole" ? (type.Namespaced ? ns : "") : ns, roleName)) return;
            var roleType = store.Types.Get(Group + "/v1", roleKind == "ClusterRole" ? "ClusterRole" : "Role");
            rules = ServerJson.Arr(store.TryGet(roleType, roleKind == "ClusterRole" ? null : ns, roleName), "rules");
        }
        var missing = new List<string>();
        foreach (var rule in (rules ?? []).OfType<JsonObject>())
        {
            var verbs = Strings(rule, "verbs");
            var urls = Strings(rule, "nonResourceURLs");
            foreach (var url in urls)
            {
                var lacking = verbs.Where(v => !rbac.Authorize(user, new AuthorizationAttributes(v, false, "", "", "", "", "", url)).Allowed).ToList();
                if (lacking.Count > 0) missing.Add($"{{NonResourceURLs:[{Quoted([url])}], Verbs:[{Quoted(lacking)}]}}");
            }
            var names = Strings(rule, "resourceNames");
            foreach (var group in Strings(rule, "apiGroups"))
                foreach (var resource in Strings(rule, "resources"))
                {
                    var parts = resource.Split('/', 2);
                    var lacking = verbs.Where(v => (names.Count == 0 ? [""] : names).Any(n =>
                        !rbac.Authorize(user, new AuthorizationAttributes(v, true, group, parts[0], parts.Length > 1 ? parts[1] : "", ns, n, "")).Allowed)).ToList();
                    if (lacking.Count == 0) continue;
                    var text = $"{{APIGroups:[{Quoted([group])}], Resources:[{Quoted([resource])}], ";
                    if (names.Count > 0) text += $"ResourceNames:[{Quoted(names)}], ";
                    missing.Add(text + $"Verbs:[{Quoted(lacking)}]}}");
                }
        }
        if (missing.Count == 0) return;
        throw ApiErrors.Forbidden(type.Group, type.Plural, name,
            $"user {Strconv.Quote(user.Name)} (groups=[{Quoted(user.Groups)}]) is attempting to grant RBAC permissions not currently held:\n" +
            string.Join("\n", missing));
    }

    private bool Allowed(string verb, string resource, string ns, string name) =>
        rbac.Authorize(user, new AuthorizationAttributes(verb, true, Group, resource, "", ns, name, "")).Allowed;

    private static string Quoted(IEnumerable<string> values) => string.Join(" ", values.Select(Strconv.Quote));

    private static List<string> Strings(JsonObject o, string field) =>
        (ServerJson.Arr(o, field) ?? []).Select(n =>
            n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList();
}
