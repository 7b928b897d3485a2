using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>
/// What an admission webhook sees of a create or update of a main resource: the operation ("CREATE" or "UPDATE"), the
/// object after defaulting (a mutating webhook edits it in place) and, for updates, the stored object.
/// </summary>
public sealed record AdmissionRequest(ResourceType Type, string Operation, string Namespace, string Name, JsonObject Object, JsonObject? OldObject);

public sealed partial class ClusterStore
{
    private readonly List<Action<AdmissionRequest>> _admission = [];

    /// <summary>
    /// Adds an admission webhook (e.g. Liqo's): called for every create and update of a main resource (not of a
    /// subresource), after defaulting and before validation, under the store lock. It may read the store, must not write,
    /// and denies a request by throwing an <see cref="ApiException"/> (answered as the real server answers a denial).
    /// </summary>
    internal void AddAdmissionHook(Action<AdmissionRequest> hook)
    {
        lock (_gate) _admission.Add(hook);
    }

    private void Admit(ResourceType type, string operation, string ns, JsonObject obj, JsonObject? old)
    {
        if (_admission.Count == 0) return;
        var request = new AdmissionRequest(type, operation, ns, ObjectMeta.Name(obj), obj, old is null ? null : Output(type, old));
        foreach (var hook in _admission.ToArray()) hook(request);
    }
}
