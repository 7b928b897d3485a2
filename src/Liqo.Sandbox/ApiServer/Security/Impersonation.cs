using Microsoft.AspNetCore.Http;

namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>
/// kube-apiserver's impersonation filter (k8s.io/apiserver endpoints/filters/impersonation.go): the headers
/// Impersonate-User, Impersonate-Group, Impersonate-Uid and Impersonate-Extra-&lt;key&gt; make the request act as another
/// user, once the authenticated user is authorized for verb impersonate on each of them (users, groups, serviceaccounts
/// in the service account's namespace, uids and userextras/&lt;key&gt; in authentication.k8s.io). The first one denied is 403,
/// named as the real server names it; groups, uid or extras without a user are refused (500, as the real server does).
/// </summary>
internal static class Impersonation
{
    private const string UserHeader = "Impersonate-User";
    private const string GroupHeader = "Impersonate-Group";
    private const string UidHeader = "Impersonate-Uid";
    private const string ExtraPrefix = "Impersonate-Extra-";
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    /// <summary>Whether the request asks to impersonate anyone.</summary>
    public static bool Requested(IHeaderDictionary headers) =>
        headers.Keys.Any(k => k.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase));

    /// <summary>The user the request acts as; throws the real server's error when the requestor may not impersonate it.</summary>
    public static UserInfo Apply(IHeaderDictionary headers, UserInfo requestor, RbacAuthorizer authorizer)
    {
        var requested = headers[UserHeader].ToString();
        var groupsRequested = headers[GroupHeader].Where(g => g is not null).Select(g => g!).ToList();
        var uid = headers[UidHeader].ToString();
        var extras = headers.Where(h => h.Key.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Select(v => (Key: Uri.UnescapeDataString(h.Key[ExtraPrefix.Length..].ToLowerInvariant()), Value: v ?? "")))
            .ToList();
        if (requested.Length == 0)
        {
            var refs = groupsRequested.Select(g => $"{{Group  {g}    }}")
                .Concat(extras.Select(e => $"{{UserExtra  {e.Value}    {e.Key}}}"))
                .Concat(uid.Length > 0 ? [$"{{UID  {uid}    }}"] : []);
            throw ApiErrors.Internal($"requested [{string.Join(" ", refs)}] without impersonating a user");
        }

        var checks = new List<AuthorizationAttributes>();
        string name;
        var groups = new List<string>();
        if (requested.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal) &&
            requested[ServiceAccountPrefix.Length..].Split(':') is [{ Length: > 0 } ns, { Length: > 0 } sa])
        {
            checks.Add(Check("", "serviceaccounts", "", ns, sa));
            name = requested;
            if (groupsRequested.Count == 0) groups.AddRange(["system:serviceaccounts", "system:serviceaccounts:" + ns]);
        }
        else
        {
            checks.Add(Check("", "users", "", "", requested));
            name = requested;
        }
        foreach (var g in groupsRequested)
        {
            checks.Add(Check("", "groups", "", "", g));
            groups.Add(g);
        }
        foreach (var (key, value) in extras) checks.Add(Check("authentication.k8s.io", "userextras", key, "", value));
        if (uid.Length > 0) checks.Add(Check("authentication.k8s.io", "uids", "", "", uid));

        foreach (var check in checks)
            if (!authorizer.Authorize(requestor, check).Allowed)
                throw RbacAuthorizer.Forbidden(requestor, check);

        // as the real server: system:authenticated is added unless a group says authenticated or unauthenticated already
        if (name != UserInfo.Anonymous.Name)
        {
            if (!groups.Contains("system:authenticated") && !groups.Contains("system:unauthenticated")) groups.Add("system:authenticated");
        }
        else if (!groups.Contains("system:unauthenticated"))
        {
            groups.Add("system:unauthenticated");
        }
        return new UserInfo(name, groups) { Uid = uid.Length > 0 ? uid : null };
    }

    private static AuthorizationAttributes Check(string group, string resource, string subresource, string ns, string name) =>
        new("impersonate", true, group, resource, subresource, ns, name, "");
}
