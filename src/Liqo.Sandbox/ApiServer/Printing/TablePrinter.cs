using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// Server-side printing: the meta.k8s.io/v1 Table the API server returns when a client asks for as=Table.
/// </summary>
public interface ITablePrinter
{
    /// <summary>The columnDefinitions, all of them (priority 0 and 1; the client hides priority 1 unless -o wide).</summary>
    JsonArray ColumnDefinitions();

    /// <summary>The cells of one object's row, in column order.</summary>
    JsonArray Cells(JsonObject obj, DateTimeOffset now);
}

/// <summary>How rows carry the object: includeObject=None|Metadata (default, PartialObjectMetadata)|Object.</summary>
public enum IncludeObject { None, Metadata, Object }

public static class TablePrinters
{
    /// <summary>The printer for a built-in kind (Namespace, Node, Pod, ConfigMap, Secret, Service, Deployment, Event,
    /// ServiceAccount, Role/RoleBinding/ClusterRole/ClusterRoleBinding, CustomResourceDefinition...), falling back to the server's
    /// default Name/Created At columns for others.</summary>
    public static ITablePrinter ForBuiltIn(string group, string kind) => (group, kind) switch
    {
        ("", "Namespace") => new NamespaceTablePrinter(),
        ("", "Node") => new NodeTablePrinter(),
        ("", "Pod") => new PodTablePrinter(),
        ("", "ConfigMap") => new ConfigMapTablePrinter(),
        ("", "Secret") => new SecretTablePrinter(),
        ("", "Service") => new ServiceTablePrinter(),
        ("", "ServiceAccount") => new ServiceAccountTablePrinter(),
        ("", "Event") => EventTablePrinter.ForCore(),
        ("events.k8s.io", "Event") => EventTablePrinter.ForEventsApi(),
        ("apps", "Deployment") => new DeploymentTablePrinter(),
        ("apps", "ReplicaSet") => new ReplicaSetTablePrinter(),
        ("discovery.k8s.io", "EndpointSlice") => new EndpointSliceTablePrinter(),
        ("policy", "PodDisruptionBudget") => new PodDisruptionBudgetTablePrinter(),
        ("rbac.authorization.k8s.io", "RoleBinding") => RoleBindingTablePrinter.ForRoleBinding(),
        ("rbac.authorization.k8s.io", "ClusterRoleBinding") => RoleBindingTablePrinter.ForClusterRoleBinding(),
        // Role, ClusterRole and CustomResourceDefinition have no printer of their own on a real server either.
        _ => new DefaultTablePrinter(),
    };

    /// <summary>The printer for a custom resource from its CRD version's additionalPrinterColumns (null or empty: Name, Age).</summary>
    public static ITablePrinter ForCustomResource(JsonArray? additionalPrinterColumns) =>
        new CustomResourceTablePrinter(additionalPrinterColumns);

    /// <summary>
    /// Builds the Table for a list (or a single object) with metadata.resourceVersion (and continue when given).
    /// <paramref name="omitColumnDefinitions"/> is for watch events after the first.
    /// </summary>
    /// <remarks>
    /// Shape as the server serializes it: <c>columnDefinitions</c> is <c>null</c> when omitted (the field has no omitempty),
    /// each row is <c>{"cells":[…],"object":…}</c> with <c>"conditions"</c> only when a printer sets some (pods that
    /// completed), and <c>"object"</c> is a PartialObjectMetadata (Metadata), the object itself (Object) or null (None).
    /// With <see cref="IncludeObject.Object"/> the objects should carry kind and apiVersion, as the server's conversion sets them.
    /// </remarks>
    public static JsonObject BuildTable(ITablePrinter printer, IEnumerable<JsonObject> objects, string? resourceVersion,
        string? continueToken, IncludeObject includeObject, bool omitColumnDefinitions, DateTimeOffset now)
    {
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(resourceVersion))
            metadata["resourceVersion"] = resourceVersion;
        if (!string.IsNullOrEmpty(continueToken))
            metadata["continue"] = continueToken;

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = printer.Cells(obj, now) };
            if (printer is ColumnTablePrinter { } typed && typed.RowConditions(obj) is { Count: > 0 } conditions)
                row["conditions"] = conditions;
            row["object"] = includeObject switch
            {
                IncludeObject.None => null,
                IncludeObject.Object => obj.DeepClone(),
                _ => new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
                },
            };
            rows.Add(row);
        }

        var nullRows = rows.Count == 0 && printer is ColumnTablePrinter { NullRowsWhenEmpty: true };
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = omitColumnDefinitions ? null : printer.ColumnDefinitions(),
            ["rows"] = nullRows ? null : rows,
        };
    }

    /// <summary>The human-readable age the server prints for a date column (5s, 3m20s, 5m, 2d3h, 400d, 3y...).</summary>
    /// <remarks>apimachinery's duration.HumanDuration: ~2-3 significant figures; up to 1s in the future reads "0s",
    /// further in the future "&lt;invalid&gt;".</remarks>
    public static string HumanDuration(TimeSpan d)
    {
        static string F(long value) => value.ToString(CultureInfo.InvariantCulture);

        // Go truncates toward zero, as C# integer division and casts do.
        var seconds = d.Ticks / TimeSpan.TicksPerSecond;
        if (seconds < -1)
            return "<invalid>";
        if (seconds < 0)
            return "0s";
        if (seconds < 60 * 2)
            return F(seconds) + "s";
        var minutes = d.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? F(minutes) + "m" : F(minutes) + "m" + F(s) + "s";
        }
        if (minutes < 60 * 3)
            return F(minutes) + "m";
        var hours = d.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? F(hours) + "h" : F(hours) + "h" + F(m) + "m";
        }
        if (hours < 48)
            return F(hours) + "h";
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? F(hours / 24) + "d" : F(hours / 24) + "d" + F(h) + "h";
        }
        if (hours < 24 * 365 * 2)
            return F(hours / 24) + "d";
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? F(hours / 24 / 365) + "y" : F(hours / 24 / 365) + "y" + F(dy) + "d";
        }
        return F(hours / 24 / 365) + "y";
    }
}
