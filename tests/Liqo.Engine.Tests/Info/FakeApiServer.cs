using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Tests.Info;

/// <summary>
/// A minimal read-only Kubernetes API over plain HTTP on 127.0.0.1 for the collectors' tests: GET of namespaces, lists
/// of any resource (namespaced or cluster-wide) with label selectors (key, key=value, key in (a,b)), 403 for the
/// resources told to refuse, and a log of every request. Not a stand-in for the sandbox: it only serves what it holds.
/// </summary>
internal sealed class FakeApiServer : IDisposable
{
    private HttpListener _listener = new();
    private readonly Dictionary<string, List<JsonObject>> _byPlural = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namespaces;
    private readonly HashSet<string> _forbidden;
    private readonly Task _loop;

    public FakeApiServer(IEnumerable<JsonObject> objects, IEnumerable<string> namespaces, params string[] forbiddenPlurals)
    {
        foreach (var o in objects)
        {
            var plural = Plural(o["kind"]!.ToString());
            if (!_byPlural.TryGetValue(plural, out var list)) _byPlural[plural] = list = [];
            list.Add(o);
        }
        _namespaces = namespaces.ToHashSet(StringComparer.Ordinal);
        _forbidden = forbiddenPlurals.ToHashSet(StringComparer.Ordinal);
        // a free port can be taken by another test between probing and binding: try again on another one
        // (a listener whose Start failed cannot be stopped or reused: closing it binds again and throws, so each attempt
        // takes a new one and abandons the failed one)
        for (var attempt = 1; ; attempt++)
        {
            Url = $"http://127.0.0.1:{FreePort()}";
            _listener = new HttpListener();
            _listener.Prefixes.Add(Url + "/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
            }
        }
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; private set; } = "";

    /// <summary>Every request, as "GET /path?query".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public ClusterConnection Connect(string scope = "local") =>
        ClusterConnection.Open(new KubeconfigSource(null, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Url}
            users:
            - name: fake
              user:
                token: fake-token
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
            current-context: fake
            """, null, "liqo", scope));

    private static string Plural(string kind) => kind switch
    {
        "PublicKey" => "publickeies",
        "Identity" => "identities",
        "IP" => "ips",
        _ => kind.ToLowerInvariant() + "s",
    };

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Answer(ctx));
        }
    }

    private void Answer(HttpListenerContext ctx)
    {
        var path = ctx.Request.Url!.AbsolutePath;
        var selector = ctx.Request.QueryString["labelSelector"];
        Requests.Enqueue($"{ctx.Request.HttpMethod} {path}{(selector is null ? "" : "?labelSelector=" + selector)}");
        var segments = path.Trim('/').Split('/');
        // /api/v1/... or /apis/group/version/...
        var rest = segments[0] == "api" ? segments[2..] : segments[3..];
        string? ns = null;
        if (rest.Length >= 2 && rest[0] == "namespaces" && rest.Length > 2)
        {
            ns = rest[1];
            rest = rest[2..];
        }
        if (rest.Length == 2 && rest[0] == "namespaces")
        {
            if (_namespaces.Contains(rest[1]))
                Write(ctx, 200, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = rest[1] } });
            else
                Write(ctx, 404, Status(404, "NotFound", $"namespaces \"{rest[1]}\" not found"));
            return;
        }
        var plural = rest[0];
        if (_forbidden.Contains(plural))
        {
            Write(ctx, 403, Status(403, "Forbidden", $"{plural} is forbidden: User \"liqo-peering-user\" cannot list resource \"{plural}\""));
            return;
        }
        var items = (_byPlural.TryGetValue(plural, out var all) ? all : [])
            .Where(o => ns is null || o["metadata"]?["namespace"]?.ToString() == ns)
            .Where(o => Matches(o, selector))
            .Select(o => (JsonNode)o.DeepClone())
            .ToArray();
        Write(ctx, 200, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["metadata"] = new JsonObject { ["resourceVersion"] = "1" }, ["items"] = new JsonArray(items) });
    }

    private static bool Matches(JsonObject o, string? selector)
    {
        if (string.IsNullOrEmpty(selector)) return true;
        var labels = o["metadata"]?["labels"] as JsonObject;
        string? Label(string k) => labels?[k]?.ToString();
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '(') depth++;
            else if (selector[i] == ')') depth--;
            else if (selector[i] == ',' && depth == 0)
            {
                parts.Add(selector[start..i]);
                start = i + 1;
            }
        }
        parts.Add(selector[start..]);
        foreach (var part in parts.Select(p => p.Trim()))
        {
            var inAt = part.IndexOf(" in (", StringComparison.Ordinal);
            if (inAt > 0)
            {
                var values = part[(inAt + 5)..].TrimEnd(')').Split(',').Select(v => v.Trim());
                if (!values.Contains(Label(part[..inAt]))) return false;
            }
            else if (part.Contains('='))
            {
                var kv = part.Split('=', 2);
                if (Label(kv[0]) != kv[1]) return false;
            }
            else if (Label(part) is null)
            {
                return false;
            }
        }
        return true;
    }

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
    };

    private static void Write(HttpListenerContext ctx, int code, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength64 = bytes.Length;
        ctx.Response.OutputStream.Write(bytes);
        ctx.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
