namespace Liqo.Benchmarks.Audit;

/// <summary>
/// One request as the sandbox's audit log records it (verb, URI, user agent, how long it took), or one committed write
/// of the store's own record (user agent liqo-sandbox-store, when the cluster audits commits): then the object it wrote
/// and the resourceVersion it committed.
/// </summary>
public sealed record AuditRequest(string Verb, string RequestUri, string UserAgent, DateTimeOffset Received, DateTimeOffset Completed,
    string? Resource = null, string? Namespace = null, string? Name = null, string? ResourceVersion = null)
{
    /// <summary>The user agent of the store's commit records.</summary>
    public const string CommitUserAgent = "liqo-sandbox-store";

    /// <summary>The cluster whose audit log holds it, when the reader says (consumer, provider).</summary>
    public string? Cluster { get; init; }

    public TimeSpan Duration => Completed - Received;

    public bool IsWatch => Verb == "watch";

    public bool IsRead => Verb is "get" or "list";

    public bool IsWrite => !IsWatch && !IsRead;

    /// <summary>A record of the store's commit of a write (not a request).</summary>
    public bool IsCommit => UserAgent == CommitUserAgent;
}
