using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Offloading;

/// <summary>
/// liqoctl create virtualnode and delete virtualnode: a VirtualNode in the provider's tenant namespace on the consumer,
/// with the fields liqoctl's MutateVirtualNode sets (the remote-cluster-id label on the object and in spec.labels,
/// clusterID, createNode, disableNetworkCheck, kubeconfigSecretRef, vkOptionsTemplateRef, resourceQuota.hard, the
/// storage/ingress/load-balancer classes, offloadingPatch.nodeSelector and runtimeClassName). Liqo's VirtualNode webhook
/// fills the virtual-kubelet template; its controller runs the virtual kubelet, which registers Node &lt;name&gt;.
/// </summary>
public static class VirtualNode
{
    /// <summary>The Secret holding the kubeconfig the virtual kubelet uses (spec.kubeconfigSecretRef.name).</summary>
    public static string KubeconfigSecretName(JsonObject virtualNode) => virtualNode.StringAt("spec.kubeconfigSecretRef.name") ?? "";

    private const string Module = "Offloading";

    /// <summary>What goes into the VirtualNode once the options are resolved (from flags, or from a ResourceSlice).</summary>
    internal sealed record Content(
        string KubeconfigSecretName,
        IReadOnlyDictionary<string, string> Hard,
        JsonArray StorageClasses,
        JsonArray IngressClasses,
        JsonArray LoadBalancerClasses,
        IReadOnlyDictionary<string, string> NodeLabels,
        IReadOnlyDictionary<string, string> NodeSelector,
        (string Namespace, string Name)? VkOptionsTemplate);

    /// <summary>The VirtualNode liqoctl writes for these options (as created: metadata, spec).</summary>
    internal static JsonObject Forge(string name, string tenantNamespace, string remoteClusterId, Content c, VirtualNodeOptions o)
    {
        var vn = Json.Object(Kinds.VirtualNode, name, tenantNamespace);
        Mutate(vn, remoteClusterId, c, o);
        return vn;
    }

    /// <summary>liqoctl's MutateVirtualNode, on a new or an existing object.</summary>
    internal static void Mutate(JsonObject vn, string remoteClusterId, Content c, VirtualNodeOptions o)
    {
        ObjectWriter.SetLabel(vn, LiqoConstants.RemoteClusterIdLabel, remoteClusterId);
        var spec = (JsonObject)(vn["spec"] ??= new JsonObject());
        var labels = spec["labels"] as JsonObject ?? new JsonObject();
        labels[LiqoConstants.RemoteClusterIdLabel] = remoteClusterId;
        foreach (var (k, v) in c.NodeLabels) labels[k] = v;
        spec["labels"] = labels;
        spec["clusterID"] = remoteClusterId;
        spec["createNode"] = o.CreateNode;
        spec["disableNetworkCheck"] = o.DisableNetworkCheck;
        spec["kubeconfigSecretRef"] = new JsonObject { ["name"] = c.KubeconfigSecretName };
        if (c.VkOptionsTemplate is { } t) spec["vkOptionsTemplateRef"] = new JsonObject { ["name"] = t.Name, ["namespace"] = t.Namespace };
        else spec.Remove("vkOptionsTemplateRef");
        spec["resourceQuota"] = c.Hard.Count == 0 ? new JsonObject() : new JsonObject { ["hard"] = Json.Labels(c.Hard) };
        SetOrRemove(spec, "storageClasses", c.StorageClasses);
        SetOrRemove(spec, "ingressClasses", c.IngressClasses);
        SetOrRemove(spec, "loadBalancerClasses", c.LoadBalancerClasses);
        if (!string.IsNullOrEmpty(o.RuntimeClassName))
            ((JsonObject)(spec["offloadingPatch"] ??= new JsonObject()))["runtimeClassName"] = o.RuntimeClassName;
        if (c.NodeSelector.Count > 0)
            ((JsonObject)(spec["offloadingPatch"] ??= new JsonObject()))["nodeSelector"] = Json.Labels(c.NodeSelector);
    }

    private static void SetOrRemove(JsonObject spec, string field, JsonArray values)
    {
        if (values.Count > 0) spec[field] = values.DeepClone();
        else spec.Remove(field);
    }

    /// <summary>liqoctl's forgeVirtualNodeOptions: the content from the flags (-KubeconfigSecretName, amounts, classes, labels).</summary>
    internal static Content FromFlags(VirtualNodeOptions o, (string Namespace, string Name)? template) =>
        new(o.KubeconfigSecretName!, Quantities.Canonical(o.Resources), Classes(o.StorageClasses, "storageClassName"),
            Classes(o.IngressClasses, "ingressClassName"), Classes(o.LoadBalancerClasses, "loadBalancerClassName"), o.Labels, o.NodeSelector, template);

    /// <summary>liqoctl's class lists: the first one is the default.</summary>
    internal static JsonArray Classes(IReadOnlyList<string> names, string field)
    {
        var array = new JsonArray();
        for (var i = 0; i < names.Count; i++)
        {
            var entry = new JsonObject { [field] = names[i] };
            if (i == 0) entry["default"] = true;
            array.Add(entry);
        }
        return array;
    }

    /// <summary>
    /// liqoctl create virtualnode: resolves the options (from the flags, or from the ResourceSlice, its Identity and that
    /// Identity's kubeconfig Secret), writes the VirtualNode ("Virtual node created") and, when it creates a Node, waits
    /// for the Node to be Ready ("Node &lt;name&gt; is Ready"; liqoctl waits forever, the module within the timeout).
    /// Returns the VirtualNode as stored and the Node (null when not created or not waited for).
    /// </summary>
    public static async Task<(JsonObject VirtualNode, JsonObject? Node)> CreateAsync(Operation op, ClusterConnection consumer, string name,
        string remoteClusterId, VirtualNodeOptions o, bool wait)
    {
        var (tenantNs, content) = await ResolveAsync(op, consumer, name, remoteClusterId, o).ConfigureAwait(false);
        var vn = await ObjectWriter.CreateOrUpdateAsync(op, consumer, Kinds.VirtualNode, Forge(name, tenantNs, remoteClusterId, content, o),
            existing => Mutate(existing, remoteClusterId, content, o)).ConfigureAwait(false);
        op.Info(consumer, Module, "VirtualNode", "Virtual node created", whatIf: "Virtual node would be created");
        if (!o.CreateNode || !wait || op.PlanOnly) return (vn, null);
        var node = await VirtualNodeReadiness.WaitForNodeAsync(op, consumer, tenantNs, name).ConfigureAwait(false);
        return (vn, node);
    }

    /// <summary>
    /// What liqoctl create virtualnode reads before it writes, with or without -o: the tenant namespace, the
    /// VkOptionsTemplate (it must exist), and the options from the flags or from the ResourceSlice. Bad input fails first.
    /// </summary>
    private static async Task<(string TenantNamespace, Content Content)> ResolveAsync(Operation op, ClusterConnection consumer, string name,
        string remoteClusterId, VirtualNodeOptions o)
    {
        InputRules.CheckVirtualNode(op, name, remoteClusterId, o); // bad input fails before anything is written
        var ct = op.Cancellation;
        if (string.IsNullOrEmpty(o.KubeconfigSecretName) == string.IsNullOrEmpty(o.ResourceSliceName))
            throw new LiqoException(ErrorIds.VirtualNodeSourceInvalid, LiqoErrorCategory.InvalidArgument, name,
                string.IsNullOrEmpty(o.KubeconfigSecretName)
                    ? "exactly one of --kubeconfig-secret-name and --resource-slice-name must be specified"
                    : "only one of --kubeconfig-secret-name and --resource-slice-name can be specified at the same time",
                "Give -KubeconfigSecretName or -ResourceSliceName.");
        var tenantNs = await ResourceSlice.RequireTenantNamespaceAsync(op, consumer, remoteClusterId).ConfigureAwait(false);
        var template = ParseTemplate(o.VkOptionsTemplate);
        if (template is { } t && await consumer.Api.GetAsync(Kinds.VkOptionsTemplate, t.Namespace, t.Name, ct).ConfigureAwait(false) is null)
            throw new LiqoException(ErrorIds.VkOptionsTemplateNotFound, LiqoErrorCategory.ObjectNotFound, o.VkOptionsTemplate,
                $"vkoptionstemplates.offloading.liqo.io \"{t.Name}\" not found in the namespace '{t.Namespace}' of the {consumer.Scope} cluster",
                "Name an existing VkOptionsTemplate as namespace/name, or leave -VkOptionsTemplate out for Liqo's default.");
        var content = o.ResourceSliceName is { Length: > 0 } slice
            ? await FromResourceSliceAsync(op, consumer, tenantNs, remoteClusterId, slice, template).ConfigureAwait(false)
            : FromFlags(o, template);

        return (tenantNs, content);
    }

    /// <summary>
    /// liqoctl create virtualnode -o json|yaml: the VirtualNode liqoctl would create, as kubectl's printers print it
    /// (<see cref="KubectlPrinter"/>); nothing is written. It reads what liqoctl reads (the tenant namespace, the
    /// ResourceSlice, its Identity and kubeconfig Secret, the VkOptionsTemplate).
    /// </summary>
    public static async Task<string> PrintAsync(Operation op, ClusterConnection consumer, string name, string remoteClusterId,
        VirtualNodeOptions o, MachineFormat format)
    {
        var (tenantNs, content) = await ResolveAsync(op, consumer, name, remoteClusterId, o).ConfigureAwait(false);
        return Print(Forge(name, tenantNs, remoteClusterId, content, o), format);
    }

    /// <summary>A forged VirtualNode as liqoctl prints it: VirtualNodeSpec's fields (and their structs') in Go order, maps sorted.</summary>
    internal static string Print(JsonObject vn, MachineFormat format)
    {
        var source = vn["spec"];
        var spec = KubectlPrinter.Struct(source, "clusterID", "template", "offloadingPatch", "createNode", "disableNetworkCheck",
            "kubeconfigSecretRef", "images", "resourceQuota", "labels", "annotations", "taints", "storageClasses", "ingressClasses",
            "loadBalancerClasses", "vkOptionsTemplateRef");
        if (source?["offloadingPatch"] is { } patch)
        {
            var printed = KubectlPrinter.Struct(patch, "annotationsNotReflected", "labelsNotReflected", "nodeSelector", "tolerations", "affinity", "runtimeClassName");
            if (printed["nodeSelector"] is { } selector) printed["nodeSelector"] = KubectlPrinter.Map(selector);
            spec["offloadingPatch"] = printed;
        }
        if (source?["resourceQuota"]?["hard"] is { } hard) spec["resourceQuota"] = new JsonObject { ["hard"] = KubectlPrinter.Map(hard) };
        if (source?["labels"] is { } labels) spec["labels"] = KubectlPrinter.Map(labels);
        foreach (var (field, nameField) in new[] { ("storageClasses", "storageClassName"), ("ingressClasses", "ingressClassName"), ("loadBalancerClasses", "loadBalancerClassName") })
            if (source?[field] is JsonArray classes)
                spec[field] = new JsonArray(classes.Select(c => (JsonNode)KubectlPrinter.Struct(c, nameField, "default")).ToArray());
        if (source?["vkOptionsTemplateRef"] is { } reference)
            spec["vkOptionsTemplateRef"] = KubectlPrinter.Struct(reference, "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath");
        return KubectlPrinter.Print(KubectlPrinter.Typed(Kinds.VirtualNode, vn, spec), format);
    }

    /// <summary>liqoctl's VirtualNodeOptionsFromResourceSlice: the slice's accepted resources and classes, its Identity's kubeconfig Secret.</summary>
    private static async Task<Content> FromResourceSliceAsync(Operation op, ClusterConnection consumer, string tenantNs, string remoteClusterId,
        string sliceName, (string Namespace, string Name)? template)
    {
        var ct = op.Cancellation;
        var slice = await consumer.Api.GetAsync(Kinds.ResourceSlice, tenantNs, sliceName, ct).ConfigureAwait(false)
                    ?? throw new LiqoException(ErrorIds.ResourceSliceNotFound, LiqoErrorCategory.ObjectNotFound, sliceName,
                        $"unable to get resourceslice \"{sliceName}\": resourceslices.authentication.liqo.io \"{sliceName}\" not found in '{tenantNs}' on the {consumer.Scope} cluster",
                        "Create it first (New-LiqoResourceSlice -NoVirtualNode).");
        var identities = (await consumer.Api.ListAsync(Kinds.Identity, null,
            $"{LiqoConstants.RemoteClusterIdLabel}={remoteClusterId},{LiqoConstants.ResourceSliceNameLabel}={sliceName}", ct: ct).ConfigureAwait(false)).Items;
        if (identities.Count != 1)
            throw new LiqoException(ErrorIds.ResourceSliceIdentityNotFound, LiqoErrorCategory.ObjectNotFound, sliceName,
                $"unable to get the Identity associated to resourceslice \"{sliceName}\": {(identities.Count == 0 ? "no" : identities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} Identity found for cluster {remoteClusterId} on the {consumer.Scope} cluster",
                "Wait for the provider to accept the slice (its Authentication condition Accepted), then run the command again.");
        var identity = identities[0];
        var secretName = identity.StringAt("status.kubeconfigSecretRef.name");
        if (string.IsNullOrEmpty(secretName) ||
            await consumer.Api.GetAsync(Kinds.Secret, identity.Namespace(), secretName, ct).ConfigureAwait(false) is null)
            throw new LiqoException(ErrorIds.KubeconfigSecretNotFound, LiqoErrorCategory.ObjectNotFound, identity.Name(),
                $"unable to get the kubeconfig secret from identity \"{identity.Name()}\" on the {consumer.Scope} cluster",
                "Check Liqo's controller manager on the consumer (its identity controller writes the kubeconfig Secret).");
        var status = slice["status"] as JsonObject;
        IReadOnlyDictionary<string, string> Map(string field) =>
            (status?[field] as JsonObject)?.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString()) ?? new Dictionary<string, string>();
        JsonArray Array(string field) => status?[field] is JsonArray a ? (JsonArray)a.DeepClone() : new JsonArray();
        return new Content(secretName, Map("resources"), Array("storageClasses"), Array("ingressClasses"), Array("loadBalancerClasses"),
            Map("nodeLabels"), Map("nodeSelector"), template);
    }

    /// <summary>liqoctl's --vk-options-template: namespace/name.</summary>
    private static (string Namespace, string Name)? ParseTemplate(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = value.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new LiqoException(ErrorIds.VkOptionsTemplateInvalid, LiqoErrorCategory.InvalidArgument, value,
                $"--vk-options-template is not a valid namespaced name: '{value}' is not of the form namespace/name",
                "Give the template as namespace/name, e.g. liqo/virtual-kubelet-default.");
        return (parts[0], parts[1]);
    }

    /// <summary>
    /// liqoctl delete virtualnode ("Virtual node deleted"): the VirtualNode &lt;name&gt; (in the provider's tenant
    /// namespace when the provider is named), then, when asked, waits for it to be gone (its finalizer drains and
    /// removes the Node and the virtual kubelet). Returns false when there was none.
    /// </summary>
    public static async Task<bool> DeleteAsync(Operation op, ClusterConnection consumer, string name, string? remoteClusterId, bool wait)
    {
        var vn = await ResourceSlice.LocateAsync(op, consumer, Kinds.VirtualNode, name, remoteClusterId).ConfigureAwait(false);
        if (vn is null)
        {
            op.Info(consumer, Module, "VirtualNode", $"Virtual node {name} already deleted");
            return false;
        }
        var ns = vn.Namespace()!;
        await ObjectWriter.DeleteAsync(op, consumer, Kinds.VirtualNode, ns, name).ConfigureAwait(false);
        op.Info(consumer, Module, "VirtualNode", "Virtual node deleted", whatIf: "Virtual node would be deleted");
        if (wait && await Absence.WaitAsync(op, consumer, Kinds.VirtualNode, ns, null, "metadata.name=" + name, $"VirtualNode {ns}/{name}").ConfigureAwait(false))
            op.Info(consumer, Module, "VirtualNodeGone", "Ensured virtualnode absence");
        return true;
    }
}
