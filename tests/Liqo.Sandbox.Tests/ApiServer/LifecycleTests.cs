using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Finalizers, namespace deletion and the garbage collector, as a client observes them.</summary>
public sealed class LifecycleTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private static V1ConfigMap Cm(string name, IList<string>? finalizers = null, V1OwnerReference? owner = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Finalizers = finalizers, OwnerReferences = owner is null ? null : [owner] },
        Data = new Dictionary<string, string> { ["k"] = "v" },
    };

    private static JsonObject Status(HttpOperationException e) => (JsonObject)JsonNode.Parse(e.Response.Content)!;

    private async Task<bool> GoneAsync(string name, string ns)
    {
        try
        {
            await f.Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns);
            return false;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    [Fact]
    public async Task Delete_with_a_finalizer_marks_the_object_and_removing_the_last_finalizer_deletes_it()
    {
        var ns = await f.NamespaceAsync();
        var cm = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("fin", ["example.com/hold"]), ns);
        await using var w = new WatchCollector<V1ConfigMap, V1ConfigMapList>(ct =>
            f.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, resourceVersion: cm.Metadata.ResourceVersion, cancellationToken: ct));

        var (code, body, _) = await f.Raw.SendJsonAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/fin", """{"propagationPolicy":"Background"}""");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("ConfigMap", body!["kind"]!.GetValue<string>());
        Assert.NotNull(body["metadata"]!["deletionTimestamp"]);
        Assert.Equal(0, body["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<int>());

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("fin"), ns));
        Assert.Equal("object is being deleted: configmaps \"fin\" already exists", Status(e)["message"]!.GetValue<string>());

        var marked = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("fin", ns);
        marked.Metadata.Finalizers = [];
        marked.Metadata.DeletionTimestamp = null;
        var last = await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(marked, "fin", ns);
        Assert.Equal("fin", last.Metadata.Name);
        Assert.True(await GoneAsync("fin", ns));
        await w.WaitForAsync(ev => ev.Count >= 2, "MODIFIED then DELETED");
        await Task.Delay(100);
        Assert.Equal(["MODIFIED fin", "DELETED fin"], w.Describe());
    }

    [Fact]
    public async Task Namespace_deletion_goes_through_terminating_removes_the_content_and_finishes()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("held", ["example.com/hold"]), ns);
        await f.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);

        var deleted = await f.Client.CoreV1.DeleteNamespaceAsync(ns);
        var terminating = await f.Client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("late"), ns));
        Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode);
        var st = Status(e);
        Assert.Equal($"configmaps \"late\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", st["message"]!.GetValue<string>());
        Assert.Equal("NamespaceTerminating", st["details"]!["causes"]![0]!["reason"]!.GetValue<string>());

        var again = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.DeleteNamespaceAsync(ns));
        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.Equal($"Operation cannot be fulfilled on namespaces \"{ns}\": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.",
            Status(again)["message"]!.GetValue<string>());

        await TestHttp.EventuallyAsync(async () => (await f.Client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Count == 0, "content deletion");
        var held = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("held", ns);
        Assert.NotNull(held.Metadata.DeletionTimestamp);
        Assert.NotNull(await f.Client.CoreV1.ReadNamespaceAsync(ns));

        held.Metadata.Finalizers = [];
        await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(held, "held", ns);
        await TestHttp.EventuallyAsync(async () =>
        {
            try
            {
                await f.Client.CoreV1.ReadNamespaceAsync(ns);
                return false;
            }
            catch (HttpOperationException x) when (x.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return true;
            }
        }, "namespace gone");
    }

    [Fact]
    public async Task Protected_namespaces_cannot_be_deleted()
    {
        foreach (var ns in new[] { "default", "kube-system", "kube-public" })
        {
            var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.DeleteNamespaceAsync(ns));
            Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode);
            Assert.Equal($"namespaces \"{ns}\" is forbidden: this namespace may not be deleted", Status(e)["message"]!.GetValue<string>());
        }
    }

    private static V1OwnerReference Owner(V1ConfigMap owner, bool block = false) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = block,
    };

    [Fact]
    public async Task Background_deletion_collects_dependents()
    {
        var ns = await f.NamespaceAsync();
        var owner = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("owner"), ns);
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("dep", owner: Owner(owner)), ns);
        await f.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Background");
        Assert.True(await GoneAsync("owner", ns));
        await TestHttp.EventuallyAsync(() => GoneAsync("dep", ns), "dependent collected");
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_dependents_are_gone()
    {
        var ns = await f.NamespaceAsync();
        var owner = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("owner"), ns);
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("dep", ["example.com/hold"], Owner(owner, block: true)), ns);
        await f.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Foreground");
        var pending = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns);
        Assert.Contains("foregroundDeletion", pending.Metadata.Finalizers);
        await TestHttp.EventuallyAsync(async () => (await f.Client.CoreV1.ReadNamespacedConfigMapAsync("dep", ns)).Metadata.DeletionTimestamp is not null, "dependent marked");
        Assert.False(await GoneAsync("owner", ns));
        // The garbage collector writes the dependent too (foreground), so a stale read may conflict: retry like a controller.
        await TestHttp.EventuallyAsync(async () =>
        {
            var dep = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("dep", ns);
            dep.Metadata.Finalizers = dep.Metadata.Finalizers.Where(x => x != "example.com/hold").ToList();
            try
            {
                await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(dep, "dep", ns);
                return true;
            }
            catch (HttpOperationException x) when (x.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                return false;
            }
        }, "finalizer removed");
        await TestHttp.EventuallyAsync(() => GoneAsync("dep", ns), "dependent gone");
        await TestHttp.EventuallyAsync(() => GoneAsync("owner", ns), "owner gone after its dependents");
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_and_strips_their_owner_reference()
    {
        var ns = await f.NamespaceAsync();
        var owner = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("owner"), ns);
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("dep", owner: Owner(owner)), ns);
        await f.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Orphan");
        await TestHttp.EventuallyAsync(() => GoneAsync("owner", ns), "owner gone");
        var dep = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("dep", ns);
        Assert.Null(dep.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Delete_preconditions_that_do_not_match_are_409()
    {
        var ns = await f.NamespaceAsync();
        var cm = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("pre"), ns);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => f.Client.CoreV1.DeleteNamespacedConfigMapAsync("pre", ns,
            new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "00000000-0000-0000-0000-000000000000" } }));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Equal($"Operation cannot be fulfilled on configmaps \"pre\": Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000, UID in object meta: {cm.Metadata.Uid}",
            Status(e)["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deletecollection_deletes_what_matches()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("one"), ns);
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("two"), ns);
        await f.Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(ns);
        Assert.Empty((await f.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items);
    }
}
