using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Printing;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>
/// One resource the sandbox serves (a built-in kind or a custom resource of an established CRD), with the strategy
/// flags of the real API server's registry (status subresource, generation, unconditional update, create-on-update...).
/// </summary>
public sealed class ResourceType
{
    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Kind { get; init; }
    /// <summary>The resource name, e.g. configmaps.</summary>
    public required string Plural { get; init; }
    public required string Singular { get; init; }
    public required bool Namespaced { get; init; }
    public string ListKind => Kind + "List";
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;
    /// <summary>The status subresource is on: main writes ignore status, /status writes take only status.</summary>
    public bool HasStatus { get; init; }
    /// <summary>metadata.generation starts at 1 and is bumped when anything outside metadata and status changes.</summary>
    public bool BumpsGeneration { get; init; }
    /// <summary>PUT without metadata.resourceVersion is allowed (false for custom resources: 422).</summary>
    public bool AllowUnconditionalUpdate { get; init; } = true;
    /// <summary>PUT on a missing object creates it (Service, Lease, Event, RBAC kinds).</summary>
    public bool AllowCreateOnUpdate { get; init; }
    /// <summary>DELETE answers with the deleted object instead of a Status (Pod).</summary>
    public bool ReturnDeletedObject { get; init; }
    public bool IsCustom { get; init; }
    /// <summary>The schema of a custom resource (null for built-ins).</summary>
    public StructuralSchema? Schema { get; init; }
    /// <summary>additionalPrinterColumns of the served CRD version (custom resources).</summary>
    public JsonArray? PrinterColumns { get; init; }
    /// <summary>Field labels beyond metadata.name/metadata.namespace usable in field selectors, with the JSON path they read.</summary>
    public IReadOnlyDictionary<string, string> FieldLabels { get; init; } = new Dictionary<string, string>();
    /// <summary>Top-level fields a built-in kind declares (besides apiVersion, kind, metadata); null for custom resources.</summary>
    public IReadOnlySet<string>? TopLevelFields { get; init; }
    /// <summary>Default deletion propagation.</summary>
    public string DefaultPropagation { get; init; } = "Background";

    internal IResourceStrategy Strategy { get; init; } = DefaultStrategy.Instance;

    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;
    public string GroupVersion => ApiVersion;
    /// <summary>configmaps, or foreignclusters.core.liqo.io.</summary>
    public string QualifiedResource => ApiErrors.Qualified(Group, Plural);
    /// <summary>The storage key of the type: group/plural.</summary>
    public string Key => Group + "/" + Plural;
    public bool Supports(string verb) => Verbs.Contains(verb);

    /// <summary>The value of a field label on an object, or null when the type does not support that label.</summary>
    public bool TryGetFieldValue(JsonObject obj, string label, out string? value)
    {
        switch (label)
        {
            case "metadata.name":
                value = ObjectMeta.Name(obj);
                return true;
            case "metadata.namespace" when Namespaced:
                value = ObjectMeta.Namespace(obj);
                return true;
        }
        if (FieldLabels.TryGetValue(label, out var path))
        {
            value = ServerJson.PathText(obj, path) ?? "";
            return true;
        }
        value = null;
        return false;
    }

    public bool SupportsFieldLabel(string label) =>
        label == "metadata.name" || (label == "metadata.namespace" && Namespaced) || FieldLabels.ContainsKey(label);

    internal ITablePrinter TablePrinter() =>
        IsCustom ? TablePrinters.ForCustomResource(PrinterColumns) : TablePrinters.ForBuiltIn(Group, Kind);

    public override string ToString() => $"{ApiVersion}, Kind={Kind} ({Plural})";
}
