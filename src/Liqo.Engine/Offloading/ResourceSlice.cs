using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Offloading;

/// <summary>
/// The ResourceSlice a consumer writes in the provider's tenant namespace to ask for resources; the CRD replicator copies
/// it to the provider, which accepts it (Authentication, Resources conditions) and the consumer then gets a virtual node.
/// </summary>
public static class ResourceSlice
{
    private const string Module = "Offloading";
    public const string AuthenticationCondition = "Authentication";
    public const string ResourcesCondition = "Resources";
    public const string Accepted = "Accepted";
    public const string Denied = "Denied";

    public static JsonObject Forge(string name, string tenantNamespace, string providerClusterId, ResourceSliceOptions o)
    {
        var annotations = o.CreateVirtualNode ? new Dictionary<string, string> { [LiqoConstants.CreateVirtualNodeAnnotation] = "true" } : null;
        var slice = Json.Object(Kinds.ResourceSlice, name, tenantNamespace, Labels(providerClusterId), annotations);
        slice["spec"] = Spec(providerClusterId, o);
        return slice;
    }

    private static Dictionary<string, string> Labels(string providerClusterId) => new()
    {
        [LiqoConstants.ReplicationLabel] = "true",
        [LiqoConstants.RemoteIdLabel] = providerClusterId,
        [LiqoConstants.RemoteClusterIdLabel] = providerClusterId,
    };

    private static JsonObject Spec(string providerClusterId, ResourceSliceOptions o)
    {
        var spec = new JsonObject { ["class"] = o.Class, ["providerClusterID"] = providerClusterId };
        var resources = Quantities.Canonical(o.Resources);
        if (resources.Count > 0) spec["resources"] = Json.Labels(resources);
        return spec;
    }

    /// <summary>
    /// CreateOrUpdate as liqoctl (forge.MutateResourceSlice): the labels and class, providerClusterID and resources are set,
    /// and the create-virtual-node annotation is added, never removed (a slice made with a virtual node keeps it when
    /// re-run with -NoVirtualNode, as with liqoctl --no-virtual-node). One kept difference: liqoctl replaces the whole
    /// spec, dropping the csr and consumerClusterID the consumer's controller filled in; here they are kept, so a re-run
    /// does not make the controller sign a new CSR and the provider check it again (docs/liqoctl-parity.md).
    /// </summary>
    internal static Task<JsonObject> EnsureAsync(Operation op, ClusterConnection consumer, string name, string tenantNamespace,
        string providerClusterId, ResourceSliceOptions o)
    {
        var desired = Forge(name, tenantNamespace, providerClusterId, o);
        return ObjectWriter.CreateOrUpdateAsync(op, consumer, Kinds.ResourceSlice, desired, existing =>
        {
            foreach (var (k, v) in Labels(providerClusterId)) ObjectWriter.SetLabel(existing, k, v);
            var meta = (JsonObject)existing["metadata"]!;
            if (o.CreateVirtualNode)
            {
                var annotations = (JsonObject)(meta["annotations"] ??= new JsonObject());
                annotations[LiqoConstants.CreateVirtualNodeAnnotation] = "true";
            }
            var spec = (JsonObject)(existing["spec"] ??= new JsonObject());
            var wanted = Spec(providerClusterId, o);
            spec["class"] = wanted["class"]!.DeepClone();
            spec["providerClusterID"] = providerClusterId;
            if (wanted["resources"] is { } r) spec["resources"] = r.DeepClone();
            else spec.Remove("resources");
        });
    }

    /// <summary>
    /// The consumer's tenant namespace for the provider, which authentication creates (liqoctl: tenant namespace not found
    /// for cluster "P"); its default name in plan mode, where authentication may only have been planned.
    /// </summary>
    internal static async Task<string> RequireTenantNamespaceAsync(Operation op, ClusterConnection consumer, string providerClusterId) =>
        await TenantNamespace.FindAsync(consumer, providerClusterId, op.Cancellation).ConfigureAwait(false)
        ?? (op.PlanOnly ? TenantNamespace.DefaultName(providerClusterId)
            : throw new LiqoException(ErrorIds.TenantNamespaceNotFound, LiqoErrorCategory.ObjectNotFound, providerClusterId,
                $"tenant namespace not found for cluster \"{providerClusterId}\"",
                "Authenticate with the provider first (Enable-LiqoAuthentication, Import-LiqoIdentity, or New-LiqoPeering)."));

    /// <summary>
    /// Deletes the consumer's ResourceSlice &lt;name&gt; (in the provider's tenant namespace, or wherever the one local
    /// slice of that name is) and, when asked, waits for it to be gone: the CRD replicator's finalizer removes the
    /// provider's copy first; the VirtualNode it led to goes with it (owner reference). Returns false when there was none.
    /// </summary>
    public static async Task<bool> DeleteAsync(Operation op, ClusterConnection consumer, string name, string? providerClusterId, bool wait)
    {
        var slice = await LocateAsync(op, consumer, Kinds.ResourceSlice, name, providerClusterId).ConfigureAwait(false);
        if (slice is null)
        {
            op.Info(consumer, Module, "ResourceSlice", $"ResourceSlice {name} already deleted");
            return false;
        }
        var ns = slice.Namespace()!;
        await ObjectWriter.DeleteAsync(op, consumer, Kinds.ResourceSlice, ns, name).ConfigureAwait(false);
        op.Info(consumer, Module, "ResourceSlice", $"ResourceSlice {name} deleted", whatIf: $"ResourceSlice {name} would be deleted");
        if (wait && await Absence.WaitAsync(op, consumer, Kinds.ResourceSlice, ns, null, "metadata.name=" + name, $"ResourceSlice {ns}/{name}").ConfigureAwait(false))
            op.Info(consumer, Module, "ResourceSliceGone", "Ensured resourceslice absence");
        return true;
    }

    /// <summary>
    /// The object &lt;name&gt; of a consumer-side offloading kind: in the provider's tenant namespace when the provider is
    /// named, else the only one of that name in the cluster (two of them in different namespaces is an error).
    /// </summary>
    internal static async Task<JsonObject?> LocateAsync(Operation op, ClusterConnection consumer, ResourceKind kind, string name, string? providerClusterId)
    {
        if (providerClusterId is not null)
        {
            var ns = await TenantNamespace.FindAsync(consumer, providerClusterId, op.Cancellation).ConfigureAwait(false);
            return ns is null ? null : await consumer.Api.GetAsync(kind, ns, name, op.Cancellation).ConfigureAwait(false);
        }
        var found = (await consumer.Api.ListAsync(kind, null, fieldSelector: "metadata.name=" + name, ct: op.Cancellation).ConfigureAwait(false)).Items;
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new LiqoException(ErrorIds.AmbiguousName, LiqoErrorCategory.InvalidArgument, name,
                $"{found.Count} {kind.Kind}s are named '{name}' on the {consumer.Scope} cluster (in {string.Join(", ", found.Select(f => f.Namespace()))}).",
                "Name the provider with -RemoteClusterId."),
        };
    }

    /// <summary>The Authentication condition a timed-out wait saw last, for its message.</summary>
    internal static string LastSeen(JsonObject? condition) => condition is null
        ? "The slice never got an Authentication condition (is it replicated to the provider?)."
        : $"The last Authentication condition seen was {condition["status"]?.GetValue<string>()}" +
          (condition["reason"]?.GetValue<string>() is { Length: > 0 } reason ? $" ({reason}" +
              (condition["message"]?.GetValue<string>() is { Length: > 0 } message ? $": {message})." : ").") : ".");

    /// <summary>Whether the slice, as stored, asks for a virtual node (Liqo's virtual node creator: the annotation is set and not "false").</summary>
    public static bool CreatesVirtualNode(JsonObject slice) =>
        slice.Annotation(LiqoConstants.CreateVirtualNodeAnnotation) is { Length: > 0 } v && !v.Equals("false", StringComparison.OrdinalIgnoreCase);

    public static string? ConditionStatus(JsonObject slice, string type) => slice.Condition(type)?["status"]?.GetValue<string>();

    /// <summary>The resources a slice asks for (spec.resources), as written.</summary>
    public static IReadOnlyDictionary<string, string> RequestedResources(JsonObject slice) =>
        (slice["spec"]?["resources"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// liqoctl create resourceslice -o json|yaml: the slice liqoctl would create, as kubectl's printers print it
    /// (<see cref="KubectlPrinter"/>); nothing is written. Like liqoctl it reads the consumer's tenant namespace for the
    /// provider, so the clusters must be authenticated.
    /// </summary>
    public static async Task<string> PrintAsync(Operation op, ClusterConnection consumer, string name, string providerClusterId,
        ResourceSliceOptions o, MachineFormat format)
    {
        InputRules.CheckResourceSlice(op, name, providerClusterId, o, "Class");
        var tenantNs = await RequireTenantNamespaceAsync(op, consumer, providerClusterId).ConfigureAwait(false);
        return Print(Forge(name, tenantNs, providerClusterId, o), format);
    }

    /// <summary>A forged slice as liqoctl prints it: ResourceSliceSpec's fields in their Go order, resources sorted.</summary>
    internal static string Print(JsonObject slice, MachineFormat format)
    {
        var spec = KubectlPrinter.Struct(slice["spec"], "consumerClusterID", "providerClusterID", "resources", "class", "csr");
        if (spec["resources"] is { } resources) spec["resources"] = KubectlPrinter.Map(resources);
        return KubectlPrinter.Print(KubectlPrinter.Typed(Kinds.ResourceSlice, slice, spec), format);
    }

    /// <summary>
    /// liqoctl create resourceslice: the slice, then its Authentication Accepted, then one look at Resources (a warning,
    /// not a failure, when not Accepted). Returns the slice as last seen.
    /// </summary>
    public static async Task<JsonObject> CreateAsync(Operation op, ClusterConnection consumer, string name, string providerClusterId, ResourceSliceOptions o,
        bool wait = true, string classParameter = "Class")
    {
        InputRules.CheckResourceSlice(op, name, providerClusterId, o, classParameter); // bad input fails before anything is written
        var tenantNs = await RequireTenantNamespaceAsync(op, consumer, providerClusterId).ConfigureAwait(false);
        var slice = await EnsureAsync(op, consumer, name, tenantNs, providerClusterId, o).ConfigureAwait(false);
        op.Info(consumer, Module, "ResourceSlice", "ResourceSlice created", whatIf: "ResourceSlice would be created");
        if (!wait) return slice;
        // liqoctl polls through Denied until its timeout (wait.go ForResourceSliceAuthentication): the provider denies while
        // it cannot forge the auth parameters yet and retries (remoteresourceslice_controller.go), so Denied is not final.
        JsonObject? lastSeen = null;
        JsonObject? accepted;
        try
        {
            accepted = await op.WaitForObjectAsync(consumer, Kinds.ResourceSlice, tenantNs, name,
                s =>
                {
                    lastSeen = s.Condition(AuthenticationCondition) ?? lastSeen;
                    return ConditionStatus(s, AuthenticationCondition) == Accepted;
                },
                new WaitTarget("Waiting for ResourceSlice authentication to be accepted", $"ResourceSlice {tenantNs}/{name}", "condition Authentication=Accepted",
                    "The provider has not accepted the slice's identity: check the Tenant on the provider (it must be accepted, and the slice's CSR signed by this cluster's key), the provider's events on the slice (InvalidCSR, AuthParamsFailed) and the CRD replication (Get-LiqoPeerInfo).")).ConfigureAwait(false);
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.WaitTimeout)
        {
            // still Denied at the timeout: ResourceSliceDenied; no answer at all stays a WaitTimeout. Both name what was seen last.
            var id = lastSeen?["status"]?.GetValue<string>() == Denied ? ErrorIds.ResourceSliceDenied : e.ErrorId;
            throw new LiqoException(id, e.Category, e.TargetObject, e.Message + " " + LastSeen(lastSeen), e.RecommendedAction, e);
        }
        if (accepted is null) return slice;
        op.Info(consumer, Module, "ResourceSliceAuthentication", "ResourceSlice authentication: Accepted");
        var current = await consumer.Api.GetAsync(Kinds.ResourceSlice, tenantNs, name, op.Cancellation).ConfigureAwait(false) ?? accepted;
        if (ConditionStatus(current, ResourcesCondition) == Accepted)
            op.Info(consumer, Module, "ResourceSliceResources", "ResourceSlice resources: Accepted");
        else
            op.Warn(consumer, Module, "ResourceSliceResources",
                "ResourceSlice resources not accepted. The provider cluster may have cordoned the tenant or the resourceslice");
        return current;
    }
}
