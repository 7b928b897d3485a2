using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>
/// One committed write, as kept in the event log: the new state (for DELETED, the final state with the deletion's RV)
/// and the previous state (null for ADDED). Objects in records are never mutated after commit. <see cref="Committed"/> is
/// the server's clock when the write was committed (under the store lock, so in RV order; default in records a test
/// builds by hand).
/// </summary>
internal sealed record ChangeRecord(long Rv, string TypeKey, string Namespace, string Name, string Type, JsonObject? Old, JsonObject New,
    DateTimeOffset Committed = default);
