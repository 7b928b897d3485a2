using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Printing;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;
using Microsoft.AspNetCore.Http;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>
/// Streams a watch: headers flushed at once, then one compact JSON event per line, flushed per event. Ends cleanly at
/// timeoutSeconds, aborts when the watcher fell behind the history (it never slows writers) or when the cluster stops.
/// With a Table Accept header each event carries a one-row Table (columnDefinitions only in the first).
/// </summary>
internal sealed class WatchHandler(ClusterStore store, TimeProvider time)
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>A watch on a named object (…/name?watch=true, /watch/…/name) is a watch with fieldSelector metadata.name=name.</summary>
    private static string? NameSelector(string? fieldSelector, string name) =>
        name.Length == 0 ? fieldSelector
        : string.IsNullOrEmpty(fieldSelector) ? "metadata.name=" + name
        : fieldSelector + ",metadata.name=" + name;

    /// <summary>How the stream ended, for the audit log: the status code written and the reason.</summary>
    public sealed record Outcome(int Code, string CloseReason, int Events);

    public async Task<Outcome> ServeAsync(HttpContext ctx, RequestInfo info, ResourceType type, MediaTypes accept, int? dropAfterEvents,
        string auditId, CancellationToken shutdown, CancellationToken outage = default)
    {
        var q = ctx.Request.Query;
        var table = (accept.Choose("Table") ?? throw ApiErrors.NotAcceptable(MediaTypes.Accepted)) == "Table";
        bool? sendInitial = q.TryGetValue("sendInitialEvents", out var si) ? si.ToString() == "true" : null;
        using var watch = store.Watch(type, type.Namespaced ? info.Namespace : null, new WatchOptions
        {
            LabelSelector = q["labelSelector"], FieldSelector = NameSelector(q["fieldSelector"], info.Name), ResourceVersion = q["resourceVersion"],
            AllowWatchBookmarks = q["allowWatchBookmarks"].ToString() is "true" or "1", SendInitialEvents = sendInitial,
        });
        var include = q["includeObject"].ToString() switch { "None" => IncludeObject.None, "Object" => IncludeObject.Object, _ => IncludeObject.Metadata };
        var printer = table ? type.TablePrinter() : null;

        var timeout = int.TryParse(q["timeoutSeconds"], out var ts) && ts > 0
            ? TimeSpan.FromSeconds(ts)
            : TimeSpan.FromMinutes(30) * (1 + Random.Shared.NextDouble());
        var deadline = DateTime.UtcNow + timeout;
        var res = ctx.Response;
        res.StatusCode = 200;
        res.ContentType = MediaTypes.Json;
        res.Headers["Audit-Id"] = auditId;
        res.Headers.CacheControl = "no-cache, private";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, shutdown, watch.Lagged, outage);
        var ct = cts.Token;
        var sent = 0;
        var first = true;

        async Task<bool> Send(string eventType, JsonObject obj)
        {
            if (dropAfterEvents is { } drop && sent >= drop)
            {
                ctx.Abort();
                return false;
            }
            JsonNode payload = obj;
            if (printer is not null && eventType is "ADDED" or "MODIFIED" or "DELETED")
            {
                payload = TablePrinters.BuildTable(printer, [obj], ObjectMeta.ResourceVersion(obj), null, include, !first, time.GetUtcNow());
                first = false;
            }
            var line = ServerJson.Serialize(new JsonObject { ["type"] = eventType, ["object"] = payload });
            await res.Body.WriteAsync(line, ct);
            await res.Body.WriteAsync(NewLine, ct);
            await res.Body.FlushAsync(ct);
            sent++;
            return true;
        }

        try
        {
            await res.StartAsync(ct);
            await res.Body.FlushAsync(ct);
            if (dropAfterEvents == 0)
            {
                ctx.Abort();
                return new Outcome(200, "aborted", 0);
            }
            if (watch.Expired is { } expired)
            {
                await Send("ERROR", expired.ToStatus());
                return new Outcome(200, "expired", sent);
            }
            foreach (var e in watch.InitialEvents)
                if (!await Send(e.Type, e.Object)) return new Outcome(200, "aborted", sent);
            if (watch.InitialEventsEndBookmark && !await Send("BOOKMARK", watch.Bookmark(initialEventsEnd: true)))
                return new Outcome(200, "aborted", sent);

            var nextBookmark = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            var finalBookmarkSent = false;
            while (true)
            {
                var now = DateTime.UtcNow;
                if (now >= deadline) return new Outcome(200, "timeout", sent);
                var wait = deadline - now;
                if (watch.AllowBookmarks)
                {
                    // A bookmark every minute and one shortly before the deadline, like the watch cache.
                    var preDeadline = deadline - TimeSpan.FromSeconds(2);
                    if (!finalBookmarkSent && timeout > TimeSpan.FromSeconds(2) && preDeadline < nextBookmark) nextBookmark = preDeadline;
                    if (now >= nextBookmark)
                    {
                        if (!await Send("BOOKMARK", watch.Bookmark())) return new Outcome(200, "aborted", sent);
                        finalBookmarkSent |= nextBookmark >= preDeadline;
                        nextBookmark = now + TimeSpan.FromMinutes(1);
                        continue;
                    }
                    if (nextBookmark - now < wait) wait = nextBookmark - now;
                }
                var events = await watch.NextAsync(wait, ct);
                foreach (var e in events)
                {
                    if (!await Send(e.Type, e.Object)) return new Outcome(200, "aborted", sent);
                    if (e.Type == "ERROR") return new Outcome(200, "expired", sent);
                }
            }
        }
        catch (OperationCanceledException)
        {
            if (watch.Lagged.IsCancellationRequested)
            {
                // Too slow: the real server closes unresponsive watchers; the client re-lists.
                ctx.Abort();
                return new Outcome(200, "slow", sent);
            }
            if (outage.IsCancellationRequested)
            {
                // an outage cuts the stream: the client sees the connection drop, not an end of the watch
                ctx.Abort();
                return new Outcome(200, "unreachable", sent);
            }
            return new Outcome(200, shutdown.IsCancellationRequested ? "shutdown" : "client-gone", sent);
        }
        catch (IOException)
        {
            return new Outcome(200, "client-gone", sent);
        }
        catch (Exception e) when (e is not OutOfMemoryException && res.HasStarted)
        {
            // Headers are out: report the failure in the stream, as an ERROR event, and end it.
            try
            {
                var status = ApiErrors.Internal(e.GetType().Name + ": " + e.Message).ToStatus();
                var error = new JsonObject { ["type"] = "ERROR", ["object"] = status };
                await res.Body.WriteAsync(ServerJson.Serialize(error), CancellationToken.None);
                await res.Body.WriteAsync(NewLine, CancellationToken.None);
                await res.Body.FlushAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // the client is gone too
            }
            return new Outcome(200, "error", sent);
        }
    }
}
