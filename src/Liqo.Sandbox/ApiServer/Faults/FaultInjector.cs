using System.Text.Json;
using Liqo.Sandbox.ApiServer.Faults;

namespace Liqo.Sandbox.ApiServer;

/// <summary>
/// Per-cluster fault injection: latency, errors by verb/resource (500, 503, 429 with Retry-After, 504, forced 409),
/// dropped watch connections, and an outage (<see cref="Unreachable"/>: the server looks down or cut off). Decisions use
/// a seeded RNG, so runs are reproducible. Rules can be set from tests or loaded from a JSON file
/// (<c>{"seed":1,"rules":[…],"unreachable":false}</c>) that the running program watches.
/// </summary>
public sealed class FaultInjector : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly Lock _gate = new();
    private readonly List<RuleState> _rules = [];
    private Random _random;
    private bool _unreachable;
    private CancellationTokenSource _outage = new();

    public FaultInjector(int seed = 0)
    {
        _random = new Random(seed);
    }

    private sealed class RuleState(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;
        public int Seen { get; set; }
        public int Fired { get; set; }
    }

    /// <summary>The current rules.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get { lock (_gate) return _rules.Select(r => r.Rule).ToList(); }
    }

    public void Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(new RuleState(rule));
    }

    /// <summary>Removes every rule and ends an outage.</summary>
    public void Clear()
    {
        lock (_gate) _rules.Clear();
        SetUnreachable(false);
    }

    /// <summary>
    /// True during an outage: every connection is dropped without an answer (no status, no audit event) and the open
    /// watches are cut, as when the server is down or the network to it is gone. Clients see transport errors.
    /// </summary>
    public bool Unreachable
    {
        get { lock (_gate) return _unreachable; }
    }

    /// <summary>Cancelled when an outage starts: the open watches of the server end with it.</summary>
    internal CancellationToken Outage
    {
        get { lock (_gate) return _outage.Token; }
    }

    /// <summary>Starts (true) or ends (false) an outage.</summary>
    public void SetUnreachable(bool unreachable)
    {
        CancellationTokenSource? cut = null;
        lock (_gate)
        {
            if (_unreachable == unreachable) return;
            _unreachable = unreachable;
            if (unreachable) cut = _outage;
            // the cancelled source stays referenced by the watches it ended; a fresh one serves the next outage
            else _outage = new CancellationTokenSource();
        }
        cut?.Cancel();
    }

    /// <summary>Releases the current outage source (the cancelled ones went with the watches they ended).</summary>
    public void Dispose()
    {
        lock (_gate) _outage.Dispose();
    }

    /// <summary>Restarts the RNG with a seed.</summary>
    public void Reseed(int seed)
    {
        lock (_gate) _random = new Random(seed);
    }

    /// <summary>
    /// Replaces the rules with those of a JSON document <c>{"seed":N,"rules":[FaultRule…],"unreachable":B}</c>; the outage
    /// follows "unreachable" (absent: none).
    /// </summary>
    public void Load(string json)
    {
        var doc = JsonSerializer.Deserialize<FaultFile>(json, JsonOptions) ?? new FaultFile();
        lock (_gate)
        {
            _rules.Clear();
            foreach (var r in doc.Rules ?? []) _rules.Add(new RuleState(r));
            if (doc.Seed is { } s) _random = new Random(s);
        }
        SetUnreachable(doc.Unreachable);
    }

    private sealed record FaultFile
    {
        public int? Seed { get; init; }
        public List<FaultRule>? Rules { get; init; }
        public bool Unreachable { get; init; }
    }

    /// <summary>
    /// Follows a JSON rules file until cancelled: loads it whenever it changes; a missing or empty file clears the rules.
    /// Invalid JSON is reported through <paramref name="onError"/> and the previous rules stay.
    /// </summary>
    public async Task WatchFileAsync(string path, Action<string>? onError = null, CancellationToken ct = default)
    {
        DateTime? lastWrite = null;
        long lastLength = -1;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            var info = new FileInfo(path);
            DateTime? write = info.Exists ? info.LastWriteTimeUtc : null;
            var length = info.Exists ? info.Length : -1;
            if (write != lastWrite || length != lastLength)
            {
                lastWrite = write;
                lastLength = length;
                try
                {
                    var text = info.Exists ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : "";
                    if (string.IsNullOrWhiteSpace(text)) Clear();
                    else Load(text);
                }
                catch (Exception e) when (e is JsonException or IOException)
                {
                    onError?.Invoke($"fault file {path}: {e.Message}");
                }
            }
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    /// <summary>What the rules decide for one request.</summary>
    internal sealed record Decision(TimeSpan Latency, ApiException? Error, int? DropWatchAfterEvents);

    internal Decision? Evaluate(string verb, string group, string resource, string subresource, string ns, string name, string user, string path)
    {
        lock (_gate)
        {
            if (_rules.Count == 0) return null;
            var latency = TimeSpan.Zero;
            ApiException? error = null;
            int? drop = null;
            foreach (var s in _rules)
            {
                var r = s.Rule;
                if (r.Verb is not null && !string.Equals(r.Verb, verb, StringComparison.OrdinalIgnoreCase)) continue;
                if (r.Resource is not null && r.Resource != resource && r.Resource != ApiErrors.Qualified(group, resource)) continue;
                if (r.Subresource is not null && r.Subresource != subresource) continue;
                if (r.Namespace is not null && r.Namespace != ns) continue;
                if (r.Name is not null && r.Name != name) continue;
                if (r.User is not null && r.User != user) continue;
                if (r.PathPrefix is not null && !path.StartsWith(r.PathPrefix, StringComparison.Ordinal)) continue;
                s.Seen++;
                if (s.Seen <= r.Skip) continue;
                if (r.Times is { } times && s.Fired >= times) continue;
                if (r.Probability < 1.0 && _random.NextDouble() >= r.Probability) continue;
                s.Fired++;
                if (r.LatencyMs is { } ms) latency += TimeSpan.FromMilliseconds(ms);
                if (r.DropWatchAfterEvents is { } d) drop = d;
                if (r.Status is { } code && error is null) error = ErrorFor(code, r.RetryAfterSeconds, group, resource, name);
            }
            return latency == TimeSpan.Zero && error is null && drop is null ? null : new Decision(latency, error, drop);
        }
    }

    private static ApiException ErrorFor(int code, int retryAfter, string group, string resource, string name) => code switch
    {
        429 => retryAfter > 0 ? ApiErrors.TooManyRequests(retryAfter)
            : new ApiException(429, "TooManyRequests", "Too many requests, please try again later."),
        503 => retryAfter > 0
            ? new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request", retryAfterSeconds: retryAfter)
            : ApiErrors.ServiceUnavailable(),
        504 => new ApiException(504, "Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request",
            retryAfterSeconds: retryAfter > 0 ? retryAfter : null),
        409 => ApiErrors.Modified(group, resource, name),
        _ => ApiErrors.Internal("injected fault"),
    };
}
