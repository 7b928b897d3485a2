namespace Liqo.Sandbox.ApiServer.Faults;

/// <summary>
/// One fault: which requests it matches (null = any) and what it does to them. JSON form (camelCase):
/// <c>{"verb":"list","resource":"configmaps","namespace":"default","probability":0.5,"times":2,"latencyMs":200,
/// "status":429,"retryAfterSeconds":1,"dropWatchAfterEvents":1}</c>.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection (or an HTTP verb for non-resource paths).</summary>
    public string? Verb { get; init; }
    /// <summary>Resource, e.g. configmaps, or qualified: foreignclusters.core.liqo.io.</summary>
    public string? Resource { get; init; }
    public string? Subresource { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    /// <summary>The authenticated user name.</summary>
    public string? User { get; init; }
    /// <summary>A prefix of the request path (non-resource requests such as /version).</summary>
    public string? PathPrefix { get; init; }

    /// <summary>Chance that a matching request is affected (drawn from the injector's seeded RNG).</summary>
    public double Probability { get; init; } = 1.0;
    /// <summary>Matching requests to let through unaffected before the rule acts.</summary>
    public int Skip { get; init; }
    /// <summary>How many requests the rule affects; null: unlimited.</summary>
    public int? Times { get; init; }

    /// <summary>Added latency before the request is handled.</summary>
    public int? LatencyMs { get; init; }
    /// <summary>Answer with this error instead: 500, 503, 504, 429 (with Retry-After) or 409 (a forced Conflict).</summary>
    public int? Status { get; init; }
    /// <summary>Retry-After seconds for 429/503 (0: no header, so clients do not retry).</summary>
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>Watches: abort the connection after this many events (0: right after the headers).</summary>
    public int? DropWatchAfterEvents { get; init; }
}
