namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Sends kubectl's impersonation headers (--as, --as-group, --as-uid, or the kubeconfig user's as/as-groups/as-uid) on
/// every request of a connection: Impersonate-User, one Impersonate-Group per group, and Impersonate-Uid. The API server
/// checks that the authenticated user may impersonate them (RBAC verb impersonate on users, groups or serviceaccounts,
/// and on uids in authentication.k8s.io) and then acts as them.
/// </summary>
internal sealed class ImpersonationHandler(string user, IReadOnlyList<string> groups, string? uid = null) : DelegatingHandler
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";
    public const string UidHeader = "Impersonate-Uid";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(UserHeader);
        request.Headers.Remove(GroupHeader);
        request.Headers.Remove(UidHeader);
        request.Headers.TryAddWithoutValidation(UserHeader, user);
        foreach (var group in groups) request.Headers.TryAddWithoutValidation(GroupHeader, group);
        if (!string.IsNullOrEmpty(uid)) request.Headers.TryAddWithoutValidation(UidHeader, uid);
        return base.SendAsync(request, cancellationToken);
    }
}
