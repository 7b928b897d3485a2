using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
/// STATUS is Ready / NotReady from the Ready condition (Unknown without one), plus SchedulingDisabled when cordoned;
/// ROLES come from node-role.kubernetes.io/&lt;role&gt; keys and the kubernetes.io/role value (sorted, &lt;none&gt; when none).
/// </summary>
internal sealed class NodeTablePrinter : ColumnTablePrinter
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";

    private static readonly TableColumn[] NodeColumns =
    [
        TableColumn.NameColumn(),
        new("Status", "string", "", "The status of the node"),
        new("Roles", "string", "", "The roles of the node"),
        TableColumn.AgeColumn(),
        new("Version", "string", "", ApiDescriptions.NodeSystemInfoKubeletVersion),
        new("Internal-IP", "string", "", ApiDescriptions.NodeStatusAddresses, 1),
        new("External-IP", "string", "", ApiDescriptions.NodeStatusAddresses, 1),
        new("OS-Image", "string", "", ApiDescriptions.NodeSystemInfoOSImage, 1),
        new("Kernel-Version", "string", "", ApiDescriptions.NodeSystemInfoKernelVersion, 1),
        new("Container-Runtime", "string", "", ApiDescriptions.NodeSystemInfoContainerRuntimeVersion, 1),
    ];

    protected override IReadOnlyList<TableColumn> Columns => NodeColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        // The last Ready condition wins, as when the server indexes conditions by type.
        JsonObject? ready = null;
        foreach (var condition in ObjectFields.Objects(obj, "status", "conditions"))
        {
            if (ObjectFields.String(condition, "type") == "Ready")
                ready = condition;
        }
        var status = new List<string>();
        if (ready is not null)
            status.Add(ObjectFields.String(ready, "status") == "True" ? "Ready" : "NotReady");
        if (status.Count == 0)
            status.Add("Unknown");
        if (ObjectFields.Boolean(obj, "spec", "unschedulable"))
            status.Add("SchedulingDisabled");

        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in ObjectFields.StringMap(obj, "metadata", "labels"))
        {
            if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal))
            {
                var role = key[RoleLabelPrefix.Length..];
                if (role.Length > 0)
                    roles.Add(role);
            }
            else if (key == RoleLabel && value.Length > 0)
                roles.Add(value);
        }

        return Row(
            ObjectFields.Name(obj),
            string.Join(",", status),
            roles.Count == 0 ? "<none>" : string.Join(",", roles),
            ObjectFields.Age(obj, now),
            ObjectFields.String(obj, "status", "nodeInfo", "kubeletVersion"),
            Address(obj, "InternalIP"),
            Address(obj, "ExternalIP"),
            OrUnknown(ObjectFields.String(obj, "status", "nodeInfo", "osImage")),
            OrUnknown(ObjectFields.String(obj, "status", "nodeInfo", "kernelVersion")),
            OrUnknown(ObjectFields.String(obj, "status", "nodeInfo", "containerRuntimeVersion")));
    }

    private static string Address(JsonObject node, string type)
    {
        foreach (var address in ObjectFields.Objects(node, "status", "addresses"))
        {
            if (ObjectFields.String(address, "type") == type)
                return ObjectFields.String(address, "address");
        }
        return "<none>";
    }

    private static string OrUnknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
