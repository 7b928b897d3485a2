using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// One <c>metadata.managedFields</c> entry: a manager, its operation (Apply or Update), the API version it wrote
/// with, when it last changed the object, the subresource it wrote through, and the fields it owns.
/// </summary>
internal sealed class ManagedFieldsEntry
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string ApiVersion { get; set; } = "";

    /// <summary>RFC 3339 seconds in UTC, or null when the entry never changed the object.</summary>
    public string? Time { get; set; }

    public string? Subresource { get; init; }

    public FieldSet Fields { get; set; } = new();

    /// <summary>
    /// The API server's manager identifier: the entry without fields and time, and without apiVersion for appliers
    /// (so one applier keeps one entry across versions). Entries with the same identifier are one entry.
    /// </summary>
    public string Identity => IdentityOf(Manager, Operation, Operation == ApplyOperation ? "" : ApiVersion, Subresource);

    /// <summary>The identity JSON as the API server builds it (also the order conflicts are reported in).</summary>
    public static string IdentityOf(string manager, string operation, string apiVersion, string? subresource)
    {
        var sb = new StringBuilder("{\"manager\":").Append(ServerGoJson.String(manager));
        sb.Append(",\"operation\":").Append(ServerGoJson.String(operation));
        if (apiVersion.Length > 0) sb.Append(",\"apiVersion\":").Append(ServerGoJson.String(apiVersion));
        if (!string.IsNullOrEmpty(subresource)) sb.Append(",\"subresource\":").Append(ServerGoJson.String(subresource));
        return sb.Append('}').ToString();
    }

    /// <summary>How conflict messages name the manager: <c>"m"</c>, <c>"m" using v1</c>, <c>"m" with subresource "status" using v1</c>.</summary>
    public string Describe()
    {
        var text = Strconv.Quote(Manager);
        if (!string.IsNullOrEmpty(Subresource)) text += " with subresource " + Strconv.Quote(Subresource);
        if (Operation == UpdateOperation) text += " using " + ApiVersion;
        return text;
    }

    /// <summary>The entry as the API server serialises it (Go field order).</summary>
    public JsonObject ToJson()
    {
        var obj = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
        };
        if (ApiVersion.Length > 0) obj["apiVersion"] = ApiVersion;
        if (Time is not null) obj["time"] = Time;
        obj["fieldsType"] = "FieldsV1";
        obj["fieldsV1"] = Fields.ToFieldsV1();
        if (!string.IsNullOrEmpty(Subresource)) obj["subresource"] = Subresource;
        return obj;
    }

    /// <summary>
    /// Decodes a managedFields list; null when it is not a list of valid FieldsV1 entries (the API server then
    /// falls back to the live object's, or starts afresh). Entries with the same identity collapse, last one wins.
    /// </summary>
    public static List<ManagedFieldsEntry>? Decode(JsonNode? managedFields)
    {
        if (managedFields is not JsonArray array) return null;
        var result = new List<ManagedFieldsEntry>();
        foreach (var item in array)
        {
            if (item is not JsonObject obj) return null;
            var operation = Text(obj, "operation");
            if (operation is not (ApplyOperation or UpdateOperation)) return null;
            if (Text(obj, "fieldsType") != "FieldsV1") return null;
            FieldSet? fields = new();
            if (obj.TryGetPropertyValue("fieldsV1", out var raw) && raw is not null)
            {
                fields = FieldSet.FromFieldsV1(raw);
                if (fields is null) return null;
            }
            var entry = new ManagedFieldsEntry
            {
                Manager = Text(obj, "manager") ?? "",
                Operation = operation,
                ApiVersion = Text(obj, "apiVersion") ?? "",
                Time = Text(obj, "time"),
                Subresource = Text(obj, "subresource"),
                Fields = fields,
            };
            result.RemoveAll(e => e.Identity == entry.Identity);
            result.Add(entry);
        }
        return result;
    }

    /// <summary>The API server's order: Apply before Update, then by time (seconds), manager, apiVersion, subresource.</summary>
    public static int CompareForEncoding(ManagedFieldsEntry a, ManagedFieldsEntry b)
    {
        var c = string.CompareOrdinal(a.Operation, b.Operation);
        if (c != 0) return c;
        c = a.Seconds.CompareTo(b.Seconds);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Manager, b.Manager);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.ApiVersion, b.ApiVersion);
        return c != 0 ? c : string.CompareOrdinal(a.Subresource ?? "", b.Subresource ?? "");
    }

    /// <summary>Unix seconds of <see cref="Time"/> (0 when absent or unreadable).</summary>
    public long Seconds =>
        Time is not null && DateTimeOffset.TryParse(Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeSeconds()
            : 0;

    /// <summary>RFC 3339 at seconds precision in UTC, as <c>metav1.Time</c> serialises.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? Text(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var v) && JsonEquality.Kind(v) == JsonValueKind.String ? v!.GetValue<string>() : null;
}
