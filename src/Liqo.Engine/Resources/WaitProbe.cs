using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Engine.Resources;

/// <summary>
/// Follows one wait for its observer (<see cref="WaitSettings.Observer"/>): counts its checks, remembers what the last one
/// saw, and when the condition holds tells the observer which change satisfied it. Waits without an observer have none.
/// </summary>
internal sealed class WaitProbe(string scope, string step, ResourceKind kind, string? ns, WaitSettings settings, Action<WaitRecord> observer)
{
    private readonly DateTimeOffset _started = settings.Time.GetUtcNow();
    private HashSet<string> _seen = [];
    private int _checks;

    public static WaitProbe? For(string scope, WaitTarget target, ResourceKind kind, string? ns, WaitSettings settings) =>
        settings.Observer is { } observer ? new WaitProbe(scope, target.Step, kind, ns, settings, observer) : null;

    /// <summary>A check of every matching object (a LIST, a GET, or the objects a watch has gathered).</summary>
    public void Checked(IReadOnlyCollection<JsonObject> objects, bool satisfied)
    {
        _checks++;
        var keys = objects.Select(Key).ToHashSet(StringComparer.Ordinal);
        if (satisfied)
        {
            var newest = objects.Select(o => long.TryParse(o.ResourceVersion(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (long?)null)
                .Max();
            Report(newest?.ToString(CultureInfo.InvariantCulture), [.. _seen.Where(k => !keys.Contains(k))]);
        }
        _seen = keys;
    }

    /// <summary>A watch event; <paramref name="satisfied"/> when the condition holds after it.</summary>
    public void Changed(string type, JsonObject obj, bool satisfied)
    {
        _checks++;
        if (satisfied) Report(obj.ResourceVersion(), type == "DELETED" ? [Key(obj)] : []);
    }

    private void Report(string? resourceVersion, IReadOnlyList<string> vanished) =>
        observer(new WaitRecord(scope, step, kind.Plural, ns, settings.Strategy, _started, settings.Time.GetUtcNow(), _checks, _checks == 1,
            _checks == 1 ? null : resourceVersion, vanished));

    private static string Key(JsonObject o) => (o.Namespace() ?? "") + "/" + o.Name();
}
