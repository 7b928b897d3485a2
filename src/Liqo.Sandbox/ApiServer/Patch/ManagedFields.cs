using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// Server-side apply and metadata.managedFields bookkeeping (FieldsV1), at the granularity documented in docs/sandbox.md.
/// CONTRACT STUB: the implementation replaces the bodies; the public signatures are fixed.
/// </summary>
public static class ManagedFields
{
    /// <summary>
    /// Server-side apply of <paramref name="applied"/> by <paramref name="manager"/> onto <paramref name="live"/> (null when the
    /// object does not exist yet). Returns the new object with metadata.managedFields updated (operation Apply).
    /// Throws <see cref="ApplyConflictException"/> when another manager owns a field with a different value and
    /// <paramref name="force"/> is false. <paramref name="listMapKeys"/> gives the list-map keys of a list at a dotted path for
    /// custom resources (see StructuralSchema.ListMapKeys); built-in kinds use the built-in merge-key table when it is null.
    /// </summary>
    public static JsonObject Apply(JsonObject? live, JsonObject applied, string manager, bool force, string apiVersion,
        string? subresource, string group, string kind, Func<string, IReadOnlyList<string>?>? listMapKeys, DateTimeOffset now)
        => throw new NotImplementedException();

    /// <summary>
    /// Records a non-apply write (create, update, patch) by <paramref name="manager"/>: the fields that changed between
    /// <paramref name="oldObj"/> (null on create) and <paramref name="newObj"/> become owned by manager with operation Update,
    /// and leave other managers' sets. Modifies newObj's metadata.managedFields in place.
    /// </summary>
    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string apiVersion, string? subresource,
        string group, string kind, Func<string, IReadOnlyList<string>?>? listMapKeys, DateTimeOffset now)
        => throw new NotImplementedException();
}

/// <summary>Apply conflicts; the message is the API server's ("Apply failed with 1 conflict: conflict with \"m\" using v1: .data.a").</summary>
public sealed class ApplyConflictException(string message, IReadOnlyList<ApplyConflict> conflicts) : Exception(message)
{
    public IReadOnlyList<ApplyConflict> Conflicts { get; } = conflicts;
}

/// <summary>One conflicting field: its path in the API server's notation (".data.a") and the cause message.</summary>
public sealed record ApplyConflict(string Field, string Message);
