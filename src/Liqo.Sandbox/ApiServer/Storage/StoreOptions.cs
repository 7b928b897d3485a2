using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>fieldValidation: what happens to fields the schema does not declare.</summary>
public enum FieldValidation { Ignore, Warn, Strict }

/// <summary>The patch formats (Content-Type of a PATCH).</summary>
public enum PatchType { JsonPatch, MergePatch, StrategicMergePatch, Apply }

/// <summary>Options of create, update and patch (query parameters of the real API).</summary>
public sealed record WriteOptions
{
    /// <summary>fieldManager; null: "sandbox" in-process (the HTTP layer passes the User-Agent prefix like the real server).</summary>
    public string? FieldManager { get; init; }
    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;
    public bool DryRun { get; init; }
    /// <summary>null for the main resource, "status", or "finalize" (namespaces).</summary>
    public string? Subresource { get; init; }
    /// <summary>force (server-side apply only).</summary>
    public bool? Force { get; init; }

    /// <summary>A last admission step on the object about to be stored (the HTTP layer's RBAC escalation check); throws to refuse.</summary>
    internal Action<Types.ResourceType, System.Text.Json.Nodes.JsonObject>? Admit { get; init; }
}

/// <summary>Options of delete (query parameters or a DeleteOptions body).</summary>
public sealed record DeleteOptions
{
    /// <summary>Background, Foreground or Orphan; null: the type's default.</summary>
    public string? PropagationPolicy { get; init; }
    public string? PreconditionUid { get; init; }
    public string? PreconditionResourceVersion { get; init; }
    public long? GracePeriodSeconds { get; init; }
    public bool DryRun { get; init; }
}

/// <summary>Options of list.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    public int? Limit { get; init; }
    public string? Continue { get; init; }
    public string? ResourceVersion { get; init; }
}

/// <summary>Options of watch.</summary>
public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    /// <summary>"" or "0": synthetic ADDED for the current objects first; N: the changes after N.</summary>
    public string? ResourceVersion { get; init; }
    public bool AllowWatchBookmarks { get; init; }
    public bool? SendInitialEvents { get; init; }
}

/// <summary>What a write returns: the object as stored, whether it was created (201), and Warning texts.</summary>
public sealed record WriteResult(JsonObject Object, bool Created, IReadOnlyList<string> Warnings);

/// <summary>
/// What a delete returns: <see cref="Deleted"/> is true when the object is gone (then <see cref="Object"/> is its final
/// state); false when it only got a deletionTimestamp (finalizers pending), then <see cref="Object"/> is the updated object.
/// </summary>
public sealed record DeleteResult(JsonObject Object, bool Deleted);

/// <summary>A list: items in key order (built-in items without kind/apiVersion as the real server) and the list RV.</summary>
public sealed record StoreListResult(IReadOnlyList<JsonObject> Items, string ResourceVersion, string? Continue,
    long? RemainingItemCount);

/// <summary>One watch event: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (object = a Status).</summary>
public sealed record StoreWatchEvent(string Type, JsonObject Object);
