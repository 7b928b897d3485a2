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
            return await SendForObjectAsync(HttpMethod.Get, kind.PathFor(ns, name), null, null, kind, "get", ct).ConfigureAwait(false);
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
        var list = await SendForObjectAsync(HttpMethod.Get, kind.PathFor(ns) + query, null, null, kind, "list", ct).ConfigureAwait(false);
        var items = (list["items"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()).ToList();
        foreach (var i in items)
        {
            // built-in list items carry no kind/apiVersion; add them so every object is self-describing
            i["apiVersion"] ??= kind.ApiVersion;
            i["kind"] ??= kind.Kind;
        }
        return new ResourceList(items, list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "");
    }

    public Task<JsonObject> CreateAsync(ResourceKind kind, string? ns, JsonObject obj, CancellationToken ct) =>
        SendForObjectAsync(HttpMethod.Post, kind.PathFor(ns), obj.ToJsonString(), "application/json", kind, "create", ct);

    public Task<JsonObject> UpdateAsync(ResourceKind kind, string? ns, JsonObject obj, CancellationToken ct) =>
        SendForObjectAsync(HttpMethod.Put, kind.PathFor(ns, Name(obj)), obj.ToJsonString(), "application/json", kind, "update", ct);

    public Task<JsonObject> UpdateStatusAsync(ResourceKind kind, string? ns, JsonObject obj, CancellationToken ct) =>
        SendForObjectAsync(HttpMethod.Put, kind.PathFor(ns, Name(obj), "status"), obj.ToJsonString(), "application/json", kind, "update", ct);

    /// <summary>PUT on a subresource other than status (a CertificateSigningRequest's approval).</summary>
    public Task<JsonObject> UpdateSubresourceAsync(ResourceKind kind, string? ns, JsonObject obj, string subresource, CancellationToken ct) =>
        SendForObjectAsync(HttpMethod.Put, kind.PathFor(ns, Name(obj), subresource), obj.ToJsonString(), "application/json", kind, "update", ct);

    /// <summary>A JSON merge patch (the patch type that works on custom resources and built-ins alike).</summary>
    public Task<JsonObject> MergePatchAsync(ResourceKind kind, string? ns, string name, JsonObject patch, CancellationToken ct, string? subresource = null) =>
        SendForObjectAsync(HttpMethod.Patch, kind.PathFor(ns, name, subresource), patch.ToJsonString(), "application/merge-patch+json", kind, "patch", ct);

    /// <summary>Deletes with background propagation; false when the object did not exist.</summary>
    public async Task<bool> DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken ct)
    {
        try
        {
            await SendForObjectAsync(HttpMethod.Delete, kind.PathFor(ns, name) + "?propagationPolicy=Background", null, null, kind, "delete", ct).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Watches from <paramref name="resourceVersion"/>; the stream ends when the server ends it (timeoutSeconds).</summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceKind kind, string? ns, string? labelSelector, string? fieldSelector,
        string resourceVersion, int timeoutSeconds, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = Query(("watch", "true"), ("allowWatchBookmarks", "true"), ("resourceVersion", resourceVersion),
            ("timeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("labelSelector", labelSelector), ("fieldSelector", fieldSelector));
        using var response = await SendAsync(HttpMethod.Get, kind.PathFor(ns) + query, null, null, kind, "watch", stream: true, ct).ConfigureAwait(false);
        using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(ct).ConfigureAwait(false);
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                yield break; // the server dropped the connection: the caller watches again from its last version
            }
            catch (HttpRequestException) when (!ct.IsCancellationRequested)
            {
                yield break;
            }
            if (line is null) yield break;
            if (line.Length == 0) continue;
            if (JsonNode.Parse(line) is not JsonObject evt || evt["type"]?.GetValue<string>() is not { } type) continue;
            if (evt["object"] is not JsonObject obj) continue;
            yield return new WatchEvent(type, (JsonObject)obj.DeepClone());
        }
    }

    private async Task<JsonObject> SendForObjectAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType,
        ResourceKind kind, string verb, CancellationToken ct)
    {
        using var response = await SendAsync(method, pathAndQuery, body, contentType, kind, verb, stream: false, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject ?? new JsonObject();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType,
        ResourceKind kind, string verb, bool stream, CancellationToken ct)
    {
        var read = verb is "get" or "list" or "watch";
        var refusedKey = verb + " " + (pathAndQuery.IndexOf('?') is var q and >= 0 ? pathAndQuery[..q] : pathAndQuery);
        if (read && _refusedReads.TryGetValue(refusedKey, out var refused)) throw refused;
        var request = new HttpRequestMessage(method, new Uri(client.BaseUri.ToString().TrimEnd('/') + pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        HttpResponseMessage response;
        try
        {
            if (client.Credentials is not null) await client.Credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
            response = await client.HttpClient.SendAsync(request,
                stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrorTranslator.Translate(e, cluster, verb, kind.DisplayName, ct) is { } translated)
        {
            throw translated;
        }
        finally
        {
            request.Dispose();
        }
        if (response.IsSuccessStatusCode) return response;

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var error = ApiErrorTranslator.FromStatus((int)response.StatusCode, text, cluster, verb, kind.DisplayName);
            if (read && error.ErrorId == ErrorIds.Forbidden) _refusedReads.TryAdd(refusedKey, error);
            throw error;
        }
    }

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
