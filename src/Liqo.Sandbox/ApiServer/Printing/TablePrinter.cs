using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// Server-side printing: the meta.k8s.io/v1 Table the API server returns when a client asks for as=Table.
/// CONTRACT STUB: the implementation replaces the bodies; the public signatures are fixed.
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
    public static ITablePrinter ForBuiltIn(string group, string kind) => throw new NotImplementedException();

    /// <summary>The printer for a custom resource from its CRD version's additionalPrinterColumns (null or empty: Name, Age).</summary>
    public static ITablePrinter ForCustomResource(JsonArray? additionalPrinterColumns) => throw new NotImplementedException();

    /// <summary>
    /// Builds the Table for a list (or a single object) with metadata.resourceVersion (and continue when given).
    /// <paramref name="omitColumnDefinitions"/> is for watch events after the first.
    /// </summary>
    public static JsonObject BuildTable(ITablePrinter printer, IEnumerable<JsonObject> objects, string? resourceVersion,
        string? continueToken, IncludeObject includeObject, bool omitColumnDefinitions, DateTimeOffset now)
        => throw new NotImplementedException();

    /// <summary>The human-readable age the server prints for a date column (5s, 3m20s, 5m, 2d3h, 400d, 3y...).</summary>
    public static string HumanDuration(TimeSpan d) => throw new NotImplementedException();
}
