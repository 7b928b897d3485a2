namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Sends kubectl's impersonation headers (--as, --as-group, or the kubeconfig user's as/as-groups) on every request of a
/// connection: Impersonate-User, and one Impersonate-Group per group. The API server checks that the authenticated user
/// may impersonate them (RBAC verb impersonate on users, groups or serviceaccounts) and then acts as them.
/// </summary>
internal sealed class ImpersonationHandler(string user, IReadOnlyList<string> groups) : DelegatingHandler
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(UserHeader);
        request.Headers.Remove(GroupHeader);
        request.Headers.TryAddWithoutValidation(UserHeader, user);
        foreach (var group in groups) request.Headers.TryAddWithoutValidation(GroupHeader, group);
        return base.SendAsync(request, cancellationToken);
    }
}
