using System.Globalization;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Storage;

namespace Liqo.Sandbox.ApiServer.Audit;

/// <summary>
/// The store's own record of each committed write, as an audit event in the cluster's audit log, when turned on
/// (<see cref="SandboxCluster.AuditCommits"/>): every write, whoever made it (the HTTP clients, whose requests are audited
/// anyway, and the in-process controllers, which send no request), with the resourceVersion it committed and the server
/// time of the commit. A client that saw a resourceVersion (a watch event, a GET) can join on it to learn when the
/// server made that state. These events have the user agent <see cref="UserAgent"/>, the verb create, update or delete
/// (the change as a watch would see it: a delete whose finalizers are pending is an update), and no request URI.
/// </summary>
internal static class CommitAudit
{
    public const string UserAgent = "liqo-sandbox-store";

    public static JsonObject Event(ChangeRecord record)
    {
        var slash = record.TypeKey.IndexOf('/', StringComparison.Ordinal);
        var group = record.TypeKey[..slash];
        var objectRef = new JsonObject { ["resource"] = record.TypeKey[(slash + 1)..] };
        if (record.Namespace.Length > 0) objectRef["namespace"] = record.Namespace;
        objectRef["name"] = record.Name;
        if (group.Length > 0) objectRef["apiGroup"] = group;
        objectRef["resourceVersion"] = record.Rv.ToString(CultureInfo.InvariantCulture);
        var at = AuditLog.Timestamp(record.Committed);
        return new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "audit.k8s.io/v1",
            ["level"] = "Metadata",
            ["auditID"] = Guid.NewGuid().ToString(),
            ["stage"] = "ResponseComplete",
            ["requestURI"] = "",
            ["verb"] = record.Type switch { "ADDED" => "create", "DELETED" => "delete", _ => "update" },
            ["user"] = new JsonObject { ["username"] = "system:apiserver" },
            ["userAgent"] = UserAgent,
            ["objectRef"] = objectRef,
            ["responseStatus"] = new JsonObject { ["metadata"] = new JsonObject(), ["code"] = 200 },
            ["requestReceivedTimestamp"] = at,
            ["stageTimestamp"] = at,
            ["annotations"] = new JsonObject { ["sandbox.liqo.io/commit"] = record.Type },
        };
    }
}
