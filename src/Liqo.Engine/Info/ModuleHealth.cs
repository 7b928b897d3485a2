using System.Text.Json.Nodes;

namespace Liqo.Engine.Info;

/// <summary>
/// liqoctl's module status (info/common CheckModuleStatusAndAlerts): Disabled when the ForeignCluster's module is not
/// enabled; Healthy when every condition is Established or Ready; Unhealthy otherwise, with the messages of the other
/// conditions as alerts (alerts only for Unhealthy).
/// </summary>
public static class ModuleHealth
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string Disabled = "Disabled";

    /// <summary>The status and alerts of a module object (status.modules.networking, ...); a missing module is disabled.</summary>
    internal static (string Status, IReadOnlyList<string>? Alerts) Check(JsonObject? module)
    {
        var enabled = module?["enabled"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        if (!enabled) return (Disabled, null);
        var alerts = Conditions(module).Where(c => !IsOk(Str(c, "status"))).Select(c => Str(c, "message")).ToList();
        return alerts.Count == 0 ? (Healthy, null) : (Unhealthy, alerts);
    }

    /// <summary>The module of a ForeignCluster by name (networking, authentication, offloading).</summary>
    internal static JsonObject? Module(JsonObject foreignCluster, string name) => foreignCluster["status"]?["modules"]?[name] as JsonObject;

    private static bool IsOk(string status) => status is "Established" or "Ready";

    private static IEnumerable<JsonObject> Conditions(JsonObject? module) =>
        (module?["conditions"] as JsonArray)?.OfType<JsonObject>() ?? [];

    private static string Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
