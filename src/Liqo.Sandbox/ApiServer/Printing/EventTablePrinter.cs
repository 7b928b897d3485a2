using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// Events (core/v1 and events.k8s.io/v1, which the server prints through the same internal type):
/// LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
/// </summary>
internal sealed class EventTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] EventColumns =
    [
        new("Last Seen", "string", "", ApiDescriptions.EventLastTimestamp),
        new("Type", "string", "", ApiDescriptions.EventType),
        new("Reason", "string", "", ApiDescriptions.EventReason),
        new("Object", "string", "", ApiDescriptions.EventInvolvedObject),
        new("Subobject", "string", "", ApiDescriptions.ObjectReferenceFieldPath, 1),
        new("Source", "string", "", ApiDescriptions.EventSource, 1),
        new("Message", "string", "", ApiDescriptions.EventMessage),
        new("First Seen", "string", "", ApiDescriptions.EventFirstTimestamp, 1),
        new("Count", "string", "", ApiDescriptions.EventCount, 1),
        new("Name", "string", "name", ApiDescriptions.ObjectMetaName, 1),
    ];

    private readonly bool _eventsApi;

    private EventTablePrinter(bool eventsApi) => _eventsApi = eventsApi;

    public static EventTablePrinter ForCore() => new(false);

    /// <summary>events.k8s.io/v1: regarding, note, deprecatedSource/FirstTimestamp/LastTimestamp/Count map onto the core fields.</summary>
    public static EventTablePrinter ForEventsApi() => new(true);

    protected override IReadOnlyList<TableColumn> Columns => EventColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        string F(string core, string events) => _eventsApi ? events : core;
        var involved = ObjectFields.At(obj, F("involvedObject", "regarding"));

        var first = ObjectFields.Time(obj, F("firstTimestamp", "deprecatedFirstTimestamp"));
        var firstSeen = first is not null ? ObjectFields.Since(first, now) : ObjectFields.Since(ObjectFields.Time(obj, "eventTime"), now);
        var last = ObjectFields.Time(obj, F("lastTimestamp", "deprecatedLastTimestamp"));
        var lastSeen = last is not null ? ObjectFields.Since(last, now) : firstSeen;

        var count = ObjectFields.Integer(obj, F("count", "deprecatedCount"));
        if (ObjectFields.At(obj, "series") is JsonObject series)
        {
            lastSeen = ObjectFields.Since(ObjectFields.Time(series, "lastObservedTime"), now);
            count = ObjectFields.Integer(series, "count");
        }
        else if (count == 0)
            count = 1;

        var kind = ObjectFields.String(involved, "kind").ToLowerInvariant();
        var name = ObjectFields.String(involved, "name");
        var target = name.Length > 0 ? kind + "/" + name : kind;

        var component = ObjectFields.String(obj, F("source", "deprecatedSource"), "component");
        if (component.Length == 0)
            component = ObjectFields.String(obj, "reportingController");
        var host = ObjectFields.String(obj, F("source", "deprecatedSource"), "host");
        if (host.Length == 0)
            host = ObjectFields.String(obj, "reportingInstance");
        var source = host.Length == 0 ? component : component + ", " + host;

        return Row(
            lastSeen,
            ObjectFields.String(obj, "type"),
            ObjectFields.String(obj, "reason"),
            target,
            ObjectFields.String(involved, "fieldPath"),
            source,
            ObjectFields.String(obj, F("message", "note")).Trim(),
            firstSeen,
            count,
            ObjectFields.Name(obj));
    }
}
