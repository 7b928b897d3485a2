using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>The program (Liqo.Sandbox --path DIR --cluster a,b), start-up speed and fast shutdown with open watches.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task The_program_serves_every_cluster_writes_ready_and_removes_it_on_sigterm()
    {
        var dir = Directory.CreateTempSubdirectory("sbx-prog-").FullName;
        var dll = Path.Combine(AppContext.BaseDirectory, "Liqo.Sandbox.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--path", dir, "--cluster", "consumer,provider" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            var ready = Path.Combine(dir, "ready");
            await TestHttp.EventuallyAsync(() => Task.FromResult(File.Exists(ready)), "DIR/ready", TimeSpan.FromSeconds(120));
            foreach (var name in new[] { "consumer", "provider" })
            {
                var kubeconfig = Path.Combine(dir, name + ".kubeconfig");
                using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
                var ns = await client.CoreV1.ReadNamespaceAsync("kube-system");
                Assert.NotNull(ns.Metadata.Uid);
                Assert.True(File.Exists(Path.Combine(dir, name + ".audit.jsonl")));
            }
            // Fault rules follow DIR/<name>.faults.json while the program runs.
            await File.WriteAllTextAsync(Path.Combine(dir, "consumer.faults.json"), """{"rules":[{"verb":"get","resource":"namespaces","status":503,"retryAfterSeconds":0}]}""");
            using var consumer = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dir, "consumer.kubeconfig")));
            await TestHttp.EventuallyAsync(async () =>
            {
                try
                {
                    await consumer.CoreV1.ReadNamespaceAsync("default");
                    return false;
                }
                catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return true;
                }
            }, "the fault file to apply");

            using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString()])) await kill.WaitForExitAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, p.ExitCode);
            Assert.False(File.Exists(ready));
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Stopping_a_cluster_ends_its_open_watches_instead_of_waiting_for_them()
    {
        // How fast clusters start and stop is measured by the sandbox benchmark; this checks that stopping does not hang.
        var dir = Directory.CreateTempSubdirectory("sbx-stop-").FullName;
        var cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "stopping", Directory = dir });

        using var http = TestHttp.Create(cluster, cluster.IssueClientCertificate("admin", ["system:masters"]));
        using var h2 = TestHttp.Create(cluster, cluster.IssueClientCertificate("admin", ["system:masters"]), version: HttpVersion.Version20);
        var watches = new List<HttpResponseMessage>();
        foreach (var client in new[] { http, h2 })
        {
            var req = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces?watch=true") { Version = client.DefaultRequestVersion, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            watches.Add(await client.SendAsync(req, HttpCompletionOption.ResponseHeadersRead));
        }
        // A watch has no timeout of its own here: a stop that waited for it would never end.
        var stop = cluster.DisposeAsync().AsTask();
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(30))));
        await stop;
        foreach (var w in watches)
        {
            using var reader = new StreamReader(await w.Content.ReadAsStreamAsync());
            var ended = await Record.ExceptionAsync(async () => { while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) is not null) { } });
            Assert.True(ended is null or IOException or HttpRequestException, ended?.ToString());
            w.Dispose();
        }
    }

    [Fact]
    public async Task Bookmarks_come_when_allowed_and_sendInitialEvents_ends_with_the_annotated_bookmark()
    {
        var dir = Directory.CreateTempSubdirectory("sbx-bm-").FullName;
        await using var cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "bm", Directory = dir });
        using var http = TestHttp.Create(cluster, cluster.IssueClientCertificate("admin", ["system:masters"]));
        var rv = cluster.Store.ResourceVersion;
        var text = await http.GetStringAsync($"/api/v1/namespaces?watch=true&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion={rv}");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var bookmark = Assert.Single(lines);
        Assert.Equal("BOOKMARK", bookmark["type"]!.GetValue<string>());
        Assert.Equal("Namespace", bookmark["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(rv.ToString(), bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());

        var list = await http.GetStringAsync("/api/v1/namespaces?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1");
        var events = list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, events.Count(e => e["type"]!.GetValue<string>() == "ADDED"));
        var end = events.First(e => e["type"]!.GetValue<string>() == "BOOKMARK");
        Assert.Equal("true", end["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
        Assert.Equal(4, events.IndexOf(end));
    }

    [Fact]
    public async Task Table_watch_events_carry_column_definitions_only_first()
    {
        var dir = Directory.CreateTempSubdirectory("sbx-tw-").FullName;
        await using var cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "tw", Directory = dir });
        using var http = TestHttp.Create(cluster, cluster.IssueClientCertificate("admin", ["system:masters"]));
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces?watch=true&timeoutSeconds=1");
        req.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");
        using var res = await http.SendAsync(req);
        var lines = (await res.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, l => Assert.Equal("Table", l["object"]!["kind"]!.GetValue<string>()));
        Assert.Equal(["Name", "Status", "Age"], lines[0]["object"]!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.All(lines.Skip(1), l => Assert.True(l["object"]!["columnDefinitions"] is null or JsonArray { Count: 0 }));
        Assert.All(lines, l => Assert.Single(l["object"]!["rows"]!.AsArray()));
    }
}
