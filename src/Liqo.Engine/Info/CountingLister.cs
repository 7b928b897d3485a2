using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Info;

/// <summary>
/// Lists for the collectors and counts every request it sends. A list the server refuses (403, 404 for a kind that is not
/// served, ...) becomes a <see cref="ListResult"/> with the reason, as liqoctl turns it into a warning; transport and
/// credential failures still stop the command.
/// </summary>
internal sealed class CountingLister(ClusterConnection cluster)
{
    private int _requests;

    public int Requests => _requests;

    public ClusterConnection Cluster => cluster;

    public async Task<ListResult> ListAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            return ListResult.Of((await cluster.Api.ListAsync(kind, ns, labelSelector, ct: ct).ConfigureAwait(false)).Items);
        }
        catch (KubeApiException e)
        {
            return ListResult.Failed(e.Message);
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
        {
            return ListResult.Failed(e.Message);
        }
    }

    public async Task<System.Text.Json.Nodes.JsonObject?> GetAsync(ResourceKind kind, string? ns, string name, CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        return await cluster.Api.GetAsync(kind, ns, name, ct).ConfigureAwait(false);
    }

    /// <summary>The tenant namespace of <paramref name="remoteClusterId"/> (one request, two when listing namespaces is refused).</summary>
    public async Task<string?> TenantNamespaceAsync(string remoteClusterId, CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        return await TenantNamespace.FindAsync(cluster, remoteClusterId, ct).ConfigureAwait(false);
    }

    public async Task<string> ClusterIdAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        return await ClusterId.ReadAsync(cluster, ct).ConfigureAwait(false);
    }
}
