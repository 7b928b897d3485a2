using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>
/// The REST verbs on any resource, with objects as JSON (built-ins and Liqo's custom resources alike), through the
/// connection's configured HTTP client (its TLS settings and credentials, token refresh included). Transport failures,
/// 401 and 403 become the user-facing <see cref="LiqoException"/>s; other API errors become
/// <see cref="KubeApiException"/> for callers to handle. A read the server refused (403 on get, list or watch) is not
/// sent again on the same connection (one command): the same error is raised at once, so a command that falls back
/// to what its rights allow asks the server once.
/// </summary>
internal sealed class KubeApi(Kubernetes client, ClusterConnection cluster)
{
    private static readonly string UserAgent = "Liqo-PowerShell/" + typeof(KubeApi).Assembly.GetName().Version?.ToString(3);

    /// <summary>Refused reads by "verb path" (the path without its query: RBAC does not look at selectors).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LiqoException> _refusedReads = new(StringComparer.Ordinal);

    public async Task<JsonObject?> GetAsync(ResourceKind kind, string? ns, string name, CancellationToken ct)
    {
        try
        {
            return await SendForObjectAsync(HttpMethod.Get, kind.PathFor(ns, name), null, null, kind, "get", Describe(ns, name), ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>The API server's discovery document of one API group version (an APIResourceList), or null when it serves no such group version.</summary>
    public async Task<JsonObject?> DiscoverAsync(string group, string version, CancellationToken ct)
    {
        var groupVersion = new ResourceKind(group, version, "", "", false);
        try
        {
            return await SendForObjectAsync(HttpMethod.Get, $"/apis/{Uri.EscapeDataString(group)}/{Uri.EscapeDataString(version)}", null, null,
                groupVersion, "get", "(discovery)", ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public async Task<ResourceList> ListAsync(ResourceKind kind, string? ns, string? labelSelector = null, string? fieldSelector = null,
        CancellationToken ct = default)
    {
        var query = Query(("labelSelector", labelSelector), ("fieldSelector", fieldSelector));
        var list = await SendForObjectAsync(HttpMethod.Get, kind.PathFor(ns) + query, null, null, kind, "list", Describe(ns, null, labelSelector ?? fieldSelector), ct)
            .ConfigureAwait(false);
        var items = (list["items"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()).ToList();
        foreach (var i in items)
        {
            // built-in list items carry no kind/apiVersion; add them so every object is self-describing
            i["apiVersion"] ??= kind.ApiVersion;
            i["kind"] ??= kind.Kind;
        }
        return new ResourceList(items, list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "");
    }

    /// <summary>
    /// Creates the object. A named create is sent again after a transient failure; when the answer to an earlier attempt
    /// was lost and the object was made, the next attempt gets AlreadyExists and the stored object is returned instead.
    /// A create with only generateName is sent again only when the server cannot have acted on it.
    /// </summary>
    public Task<JsonObject> CreateAsync(ResourceKind kind, string? ns, JsonObject obj, CancellationToken ct)
    {
        var name = obj["metadata"]?["name"]?.GetValue<string>();
        var body = obj.ToJsonString();
        return cluster.Retry.RunAsync($"create {kind.DisplayName} {Describe(ns, name)}", async (n, attemptCt) =>
        {
            try
            {
                return await SendOnceForObjectAsync(HttpMethod.Post, kind.PathFor(ns), body, "application/json", kind, "create", attemptCt).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsAlreadyExists && n > 1 && name is not null)
            {
                // an earlier attempt made it and its answer was lost
                if (await GetAsync(kind, ns, name, attemptCt).ConfigureAwait(false) is { } stored) return stored;
                throw;
            }
        }, name is null ? RequestRetry.NotActedOn : _ => true, e => Translate(e, "create", kind, ct), ct);
    }

    /// <summary>PUT with the object's resourceVersion: sent again after a transient failure (a repeat after a lost answer gets 409 Conflict).</summary>
    public Task<JsonObject> UpdateAsync(ResourceKind kind, string? ns, JsonObject obj, CancellationToken ct) =>
        SendForObjectAsync(HttpMethod.Put, kind.PathFor(ns, Name(obj)), obj.ToJsonString(), "application/json", kind, "update", Describe(ns, Name(obj)), ct);

    public Task<JsonObject> UpdateStatusAsync(ResourceKind kind, string? ns, JsonObject obj, CancellationToken ct) =>
        SendForObjectAsync(HttpMethod.Put, kind.PathFor(ns, Name(obj), "status"), obj.ToJsonString(), "application/json", kind, "update",
            Describe(ns, Name(obj)) + " status", ct);

    /// <summary>PUT on a subresource other than status (a CertificateSigningRequest's approval).</summary>
    public Task<JsonObject> UpdateSubresourceAsync(ResourceKind kind, string? ns, JsonObject obj, string subresource, CancellationToken ct) =>
        SendForObjectAsync(HttpMethod.Put, kind.PathFor(ns, Name(obj), subresource), obj.ToJsonString(), "application/json", kind, "update",
            Describe(ns, Name(obj)) + " " + subresource, ct);

    /// <summary>A JSON merge patch (the patch type that works on custom resources and built-ins alike); setting fields twice is harmless, so it is retried.</summary>
    public Task<JsonObject> MergePatchAsync(ResourceKind kind, string? ns, string name, JsonObject patch, CancellationToken ct, string? subresource = null) =>
        SendForObjectAsync(HttpMethod.Patch, kind.PathFor(ns, name, subresource), patch.ToJsonString(), "application/merge-patch+json", kind, "patch",
            Describe(ns, name), ct);

    /// <summary>Deletes with background propagation; false when the object did not exist.</summary>
    public async Task<bool> DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken ct)
    {
        try
        {
            await SendForObjectAsync(HttpMethod.Delete, kind.PathFor(ns, name) + "?propagationPolicy=Background", null, null, kind, "delete",
                Describe(ns, name), ct).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Evicts a pod through its eviction subresource (a policy/v1 Eviction, as kubectl drain sends it); false when the pod
    /// is gone. A refusal by a PodDisruptionBudget (429 with a DisruptionBudget cause) or by several of them (500) is thrown
    /// at once, not sent again: the caller waits for the budget; other transient failures are retried like any request.
    /// </summary>
    public async Task<bool> EvictAsync(string ns, string name, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "policy/v1", ["kind"] = "Eviction",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        }.ToJsonString();
        try
        {
            await cluster.Retry.RunAsync($"create pods/eviction {Describe(ns, name)}",
                (_, attemptCt) => SendOnceForObjectAsync(HttpMethod.Post, Kinds.Pod.PathFor(ns, name, "eviction"), body, "application/json", Kinds.Pod, "create", attemptCt),
                e => !IsBudgetRefusal(e), e => Translate(e, "create", Kinds.Pod, ct), ct).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>An eviction the budgets refuse: 429 with a DisruptionBudget cause, or 500 for a pod several budgets select.</summary>
    public static bool IsBudgetRefusal(Exception e) =>
        e is KubeApiException { Code: 429 } k && k.Causes.Any(c => c.Type == "DisruptionBudget") ||
        e is KubeApiException { Code: 500 } m && m.Message.Contains("more than one PodDisruptionBudget", StringComparison.Ordinal);

    /// <summary>
    /// Watches from <paramref name="resourceVersion"/>; the stream ends when the server ends it (timeoutSeconds), when the
    /// connection drops, or when nothing at all arrives for <paramref name="timeoutSeconds"/> plus a grace period (a server
    /// that stopped answering). Opening the watch is retried like any request.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceKind kind, string? ns, string? labelSelector, string? fieldSelector,
        string resourceVersion, int timeoutSeconds, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = Query(("watch", "true"), ("allowWatchBookmarks", "true"), ("resourceVersion", resourceVersion),
            ("timeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("labelSelector", labelSelector), ("fieldSelector", fieldSelector));
        using var response = await cluster.Retry.RunAsync($"watch {kind.DisplayName} {Describe(ns, null, labelSelector ?? fieldSelector)}",
            (_, attemptCt) => SendOnceAsync(HttpMethod.Get, kind.PathFor(ns) + query, null, null, kind, "watch", stream: true, attemptCt),
            _ => true, e => Translate(e, "watch", kind, ct), ct).ConfigureAwait(false);
        using var silent = CancellationTokenSource.CreateLinkedTokenSource(ct);
        silent.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds) + WatchGrace);
        using var body = await response.Content.ReadAsStreamAsync(silent.Token).ConfigureAwait(false);
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(silent.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                yield break; // the server dropped the connection or went silent: the caller watches again from its last version
            }
            if (line is null) yield break;
            if (line.Length == 0) continue;
            if (JsonNode.Parse(line) is not JsonObject evt || evt["type"]?.GetValue<string>() is not { } type) continue;
            if (evt["object"] is not JsonObject obj) continue;
            yield return new WatchEvent(type, (JsonObject)obj.DeepClone());
        }
    }

    /// <summary>How long past its timeoutSeconds a silent watch is given before it counts as dropped.</summary>
    private static readonly TimeSpan WatchGrace = TimeSpan.FromSeconds(30);

    /// <summary>One request with its answer read, retried while it fails transiently.</summary>
    private Task<JsonObject> SendForObjectAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType,
        ResourceKind kind, string verb, string what, CancellationToken ct) =>
        cluster.Retry.RunAsync($"{verb} {kind.DisplayName} {what}".TrimEnd(),
            (_, attemptCt) => SendOnceForObjectAsync(method, pathAndQuery, body, contentType, kind, verb, attemptCt),
            _ => true, e => Translate(e, verb, kind, ct), ct);

    private async Task<JsonObject> SendOnceForObjectAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType,
        ResourceKind kind, string verb, CancellationToken ct)
    {
        using var response = await SendOnceAsync(method, pathAndQuery, body, contentType, kind, verb, stream: false, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject ?? new JsonObject();
    }

    /// <summary>One attempt: transport failures come out as they are (the retry classifies them), API errors as LiqoExceptions.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType,
        ResourceKind kind, string verb, bool stream, CancellationToken ct)
    {
        var read = verb is "get" or "list" or "watch";
        var refusedKey = verb + " " + (pathAndQuery.IndexOf('?') is var q and >= 0 ? pathAndQuery[..q] : pathAndQuery);
        if (read && _refusedReads.TryGetValue(refusedKey, out var refused)) throw refused;
        using var request = new HttpRequestMessage(method, new Uri(client.BaseUri.ToString().TrimEnd('/') + pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        if (client.Credentials is not null) await client.Credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        var response = await client.HttpClient.SendAsync(request,
            stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            var error = ApiErrorTranslator.FromStatus((int)response.StatusCode, text, cluster, verb, kind.DisplayName, retryAfter);
            if (read && error.ErrorId == ErrorIds.Forbidden) _refusedReads.TryAdd(refusedKey, error);
            throw error;
        }
    }

    /// <summary>The user-facing error for a failure that ends the retries.</summary>
    private Exception Translate(Exception e, string verb, ResourceKind kind, CancellationToken ct) =>
        ApiErrorTranslator.Translate(e, cluster, verb, kind.DisplayName, ct) ?? e;

    /// <summary>The object or collection a request is about, for the retry lines ("liqo/liqo-nonce", "in liqo", "(a=b)").</summary>
    private static string Describe(string? ns, string? name, string? selector = null) =>
        name is not null ? (ns is null ? name : $"{ns}/{name}")
        : (ns is null ? "" : $"in {ns}") + (selector is null ? "" : $" ({selector})");

    private static string Name(JsonObject obj) =>
        obj["metadata"]?["name"]?.GetValue<string>() ?? throw new ArgumentException("The object has no metadata.name.");

    private static string Query(params (string Key, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}

/// <summary>A list's items (each with kind and apiVersion) and the list's resourceVersion.</summary>
internal sealed record ResourceList(IReadOnlyList<JsonObject> Items, string ResourceVersion);

/// <summary>One watch event: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (then the object is a Status).</summary>
internal sealed record WatchEvent(string Type, JsonObject Object);
