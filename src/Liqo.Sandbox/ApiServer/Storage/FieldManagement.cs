using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>The store's bridge to managedFields bookkeeping (the ManagedFields contract).</summary>
internal static class FieldManagement
{
    private static Func<string, IReadOnlyList<string>?>? ListMapKeys(ResourceType type) =>
        type.Schema is { } schema ? schema.ListMapKeys : null;

    /// <summary>Records a create/update/patch by <paramref name="manager"/> (operation Update).</summary>
    public static void RecordUpdate(ResourceType type, JsonObject? oldObj, JsonObject newObj, string manager, string? subresource, DateTimeOffset now) =>
        ManagedFields.RecordUpdate(oldObj, newObj, manager, type.ApiVersion, subresource, type.Group, type.Kind, ListMapKeys(type), now);

    /// <summary>Server-side apply; conflicts become the API server's 409.</summary>
    public static JsonObject Apply(ResourceType type, JsonObject? live, JsonObject applied, string manager, bool force, string? subresource, DateTimeOffset now)
    {
        try
        {
            return ManagedFields.Apply(live, applied, manager, force, type.ApiVersion, subresource, type.Group, type.Kind, ListMapKeys(type), now);
        }
        catch (ApplyConflictException e)
        {
            throw new ApiException(409, "Conflict", e.Message,
                causes: e.Conflicts.Select(c => new StatusCause("FieldManagerConflict", c.Message, c.Field)).ToList());
        }
        catch (PatchException e)
        {
            throw new ApiException(e.StatusCode, e.Reason, e.Message);
        }
    }
}
