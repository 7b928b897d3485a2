using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liqo.Sandbox.Tests.Printing;

/// <summary>
/// The real kubectl 1.32 (the binary beside the kubectl dispatcher), run against a throw-away loopback HTTP stub that
/// answers discovery and serves fixed bodies, so that tests see how kubectl itself renders the Tables we build.
/// </summary>
internal sealed class KubectlReferee : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _bodies;
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-referee-").FullName;
    private readonly Task _serving;

    public static string? Binary { get; } = Locate();

    /// <summary>Requests seen, as "path?query | Accept".</summary>
    public List<string> Requests { get; } = [];

    public KubectlReferee(Dictionary<string, string> bodies)
    {
        _bodies = bodies;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        File.WriteAllText(Path.Combine(_dir, "kubeconfig"), $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: stub
              cluster:
                server: http://127.0.0.1:{port}
            users:
            - name: stub
              user:
                username: nobody
            contexts:
            - name: stub
              context:
                cluster: stub
                user: stub
                namespace: default
            current-context: stub
            """);
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Runs kubectl with the stub's kubeconfig; returns its exit code and standard output and error.</summary>
    public (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--kubeconfig", Path.Combine(_dir, "kubeconfig"), "--cache-dir", Path.Combine(_dir, "cache") }.Concat(args))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kubectl did not finish within 30s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            lock (Requests)
                Requests.Add($"{context.Request.Url.PathAndQuery} | {context.Request.Headers["Accept"]}");
            var found = _bodies.TryGetValue(path, out var body);
            var bytes = Encoding.UTF8.GetBytes(found ? body! :
                """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","code":404}""");
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static string? Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "kubectl");
            if (!File.Exists(candidate))
                continue;
            var resolved = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            var beside = Path.Combine(Path.GetDirectoryName(resolved)!, "kubectl.1.32");
            if (File.Exists(beside))
                return beside;
        }
        return null;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>A fact that is skipped, with the reason shown, when kubectl 1.32 is not installed beside the kubectl dispatcher.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (KubectlReferee.Binary is null)
            Skip = "kubectl.1.32 was not found beside the kubectl on PATH.";
    }
}
