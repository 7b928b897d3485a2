namespace Liqo.Benchmarks.Audit;

/// <summary>One request as the sandbox's audit log records it (verb, URI, user agent, how long it took).</summary>
public sealed record AuditRequest(string Verb, string RequestUri, string UserAgent, DateTimeOffset Received, DateTimeOffset Completed)
{
    public TimeSpan Duration => Completed - Received;

    public bool IsWatch => Verb == "watch";

    public bool IsRead => Verb is "get" or "list";

    public bool IsWrite => !IsWatch && !IsRead;
}
