using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES, with the server's status
/// reasoning (init containers, waiting/terminated reasons, Terminating, SchedulingGated, restartable init containers,
/// "N (Xm ago)" restarts) and the Completed row condition for Succeeded/Failed pods.
/// </summary>
internal sealed class PodTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] PodColumns =
    [
        TableColumn.NameColumn(),
        new("Ready", "string", "", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "",
            "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.AgeColumn(),
        new("IP", "string", "", ApiDescriptions.PodStatusPodIP, 1),
        new("Node", "string", "", ApiDescriptions.PodSpecNodeName, 1),
        new("Nominated Node", "string", "", ApiDescriptions.PodStatusNominatedNodeName, 1),
        new("Readiness Gates", "string", "", ApiDescriptions.PodSpecReadinessGates, 1),
    ];

    protected override IReadOnlyList<TableColumn> Columns => PodColumns;

    public override JsonArray? RowConditions(JsonObject obj) => ObjectFields.String(obj, "status", "phase") switch
    {
        "Succeeded" => Completed("Succeeded", "The pod has completed successfully."),
        "Failed" => Completed("Failed", "The pod failed."),
        _ => null,
    };

    public override JsonArray Cells(JsonObject pod, DateTimeOffset now)
    {
        var restarts = 0L;
        var restartableInitRestarts = 0L;
        var totalContainers = ObjectFields.Count(pod, "spec", "containers");
        var readyContainers = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastRestartableInitRestart = null;

        var phase = ObjectFields.String(pod, "status", "phase");
        var reason = phase;
        var statusReason = ObjectFields.String(pod, "status", "reason");
        if (statusReason.Length > 0)
            reason = statusReason;

        foreach (var condition in ObjectFields.Objects(pod, "status", "conditions"))
        {
            if (ObjectFields.String(condition, "type") == "PodScheduled" && ObjectFields.String(condition, "reason") == "SchedulingGated")
                reason = "SchedulingGated";
        }

        var initContainers = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var init in ObjectFields.Objects(pod, "spec", "initContainers"))
        {
            initContainers[ObjectFields.String(init, "name")] = init;
            if (IsRestartable(init))
                totalContainers++;
        }
        var initContainerCount = ObjectFields.Count(pod, "spec", "initContainers");

        var initializing = false;
        var index = 0;
        foreach (var container in ObjectFields.Objects(pod, "status", "initContainerStatuses"))
        {
            var i = index++;
            var restartCount = ObjectFields.Integer(container, "restartCount");
            restarts += restartCount;
            var finished = ObjectFields.Time(container, "lastState", "terminated", "finishedAt");
            if (ObjectFields.At(container, "lastState", "terminated") is JsonObject)
                lastRestart = Later(lastRestart, finished);
            initContainers.TryGetValue(ObjectFields.String(container, "name"), out var spec);
            var restartable = spec is not null && IsRestartable(spec);
            if (restartable)
            {
                restartableInitRestarts += restartCount;
                if (ObjectFields.At(container, "lastState", "terminated") is JsonObject)
                    lastRestartableInitRestart = Later(lastRestartableInitRestart, finished);
            }

            var terminated = ObjectFields.At(container, "state", "terminated") as JsonObject;
            var waitingReason = ObjectFields.String(container, "state", "waiting", "reason");
            if (terminated is not null && ObjectFields.Integer(terminated, "exitCode") == 0)
                continue;
            if (restartable && ObjectFields.Boolean(container, "started"))
            {
                if (ObjectFields.Boolean(container, "ready"))
                    readyContainers++;
                continue;
            }
            if (terminated is not null)
            {
                var terminatedReason = ObjectFields.String(terminated, "reason");
                if (terminatedReason.Length == 0)
                {
                    var signal = ObjectFields.Integer(terminated, "signal");
                    reason = signal != 0
                        ? $"Init:Signal:{signal}"
                        : $"Init:ExitCode:{ObjectFields.Integer(terminated, "exitCode")}";
                }
                else
                    reason = "Init:" + terminatedReason;
                initializing = true;
            }
            else if (ObjectFields.At(container, "state", "waiting") is JsonObject && waitingReason.Length > 0 && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
                initializing = true;
            }
            else
            {
                reason = $"Init:{i}/{initContainerCount}";
                initializing = true;
            }
            break;
        }

        if (!initializing || IsInitialized(pod))
        {
            restarts = restartableInitRestarts;
            lastRestart = lastRestartableInitRestart;
            var hasRunning = false;
            var statuses = ObjectFields.Objects(pod, "status", "containerStatuses").ToList();
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += ObjectFields.Integer(container, "restartCount");
                if (ObjectFields.At(container, "lastState", "terminated") is JsonObject)
                    lastRestart = Later(lastRestart, ObjectFields.Time(container, "lastState", "terminated", "finishedAt"));
                var waiting = ObjectFields.At(container, "state", "waiting") as JsonObject;
                var terminated = ObjectFields.At(container, "state", "terminated") as JsonObject;
                if (waiting is not null && ObjectFields.String(waiting, "reason").Length > 0)
                    reason = ObjectFields.String(waiting, "reason");
                else if (terminated is not null && ObjectFields.String(terminated, "reason").Length > 0)
                    reason = ObjectFields.String(terminated, "reason");
                else if (terminated is not null)
                {
                    var signal = ObjectFields.Integer(terminated, "signal");
                    reason = signal != 0 ? $"Signal:{signal}" : $"ExitCode:{ObjectFields.Integer(terminated, "exitCode")}";
                }
                else if (ObjectFields.Boolean(container, "ready") && ObjectFields.At(container, "state", "running") is JsonObject)
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            if (reason == "Completed" && hasRunning)
                reason = HasReadyCondition(pod) ? "Running" : "NotReady";
        }

        var deleting = ObjectFields.At(pod, "metadata", "deletionTimestamp") is JsonValue;
        if (deleting && statusReason == "NodeLost")
            reason = "Unknown";
        else if (deleting && phase is not ("Succeeded" or "Failed"))
            reason = "Terminating";

        var restartsText = restarts.ToString(CultureInfo.InvariantCulture);
        if (restarts != 0 && lastRestart is not null)
            restartsText = $"{restarts} ({ObjectFields.Since(lastRestart, now)} ago)";

        // v1 → internal conversion fills podIPs from a lone podIP.
        var podIP = ObjectFields.Objects(pod, "status", "podIPs").Select(ip => ObjectFields.String(ip, "ip")).FirstOrDefault()
            ?? ObjectFields.String(pod, "status", "podIP");
        var nodeName = ObjectFields.String(pod, "spec", "nodeName");
        var nominated = ObjectFields.String(pod, "status", "nominatedNodeName");

        return Row(
            ObjectFields.Name(pod),
            $"{readyContainers}/{totalContainers}",
            reason,
            restartsText,
            ObjectFields.Age(pod, now),
            podIP.Length == 0 ? "<none>" : podIP,
            nodeName.Length == 0 ? "<none>" : nodeName,
            nominated.Length == 0 ? "<none>" : nominated,
            ReadinessGates(pod));
    }

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = ObjectFields.Objects(pod, "spec", "readinessGates").ToList();
        if (ObjectFields.Count(pod, "spec", "readinessGates") == 0)
            return "<none>";
        var trueConditions = 0;
        foreach (var gate in gates)
        {
            var type = ObjectFields.String(gate, "conditionType");
            foreach (var condition in ObjectFields.Objects(pod, "status", "conditions"))
            {
                if (ObjectFields.String(condition, "type") == type)
                {
                    if (ObjectFields.String(condition, "status") == "True")
                        trueConditions++;
                    break;
                }
            }
        }
        return $"{trueConditions}/{ObjectFields.Count(pod, "spec", "readinessGates")}";
    }

    private static bool IsRestartable(JsonObject initContainer) => ObjectFields.String(initContainer, "restartPolicy") == "Always";

    private static bool IsInitialized(JsonObject pod) =>
        ObjectFields.Objects(pod, "status", "conditions")
            .Any(c => ObjectFields.String(c, "type") == "Initialized" && ObjectFields.String(c, "status") == "True");

    private static bool HasReadyCondition(JsonObject pod) =>
        ObjectFields.Objects(pod, "status", "conditions")
            .Any(c => ObjectFields.String(c, "type") == "Ready" && ObjectFields.String(c, "status") == "True");

    // metav1.Time.Before with the zero time: a missing finishedAt never wins.
    private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
        candidate is not null && (current is null || current.Value < candidate.Value) ? candidate : current;

    private static JsonArray Completed(string reason, string message) =>
    [
        new JsonObject { ["type"] = "Completed", ["status"] = "True", ["reason"] = reason, ["message"] = message },
    ];
}
