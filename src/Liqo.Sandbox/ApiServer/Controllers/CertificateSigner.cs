using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Security;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Controllers;

/// <summary>
/// kube-controller-manager's csrsigning controller for the kubernetes.io/kube-apiserver-client signer: an Approved (not
/// Denied or Failed) request without a certificate gets one from the cluster CA (so it authenticates to this API server:
/// CN = user, O = groups), valid for spec.expirationSeconds or the default 8760h, in status.certificate. A request whose
/// usages a client certificate cannot have gets the Failed condition instead. Other signers are left alone.
/// </summary>
internal sealed class CertificateSigner(ClusterStore store, Func<byte[], TimeSpan, X509Certificate2> sign)
{
    private static readonly string[] ClientUsages = ["digital signature", "key encipherment", "client auth"];
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(8760);

    public void Reconcile()
    {
        var type = store.Types.FindByKey(CertificateSigningRequestStrategy.Key);
        if (type is null) return;
        foreach (var csr in store.List(type, null).Items)
        {
            var spec = ServerJson.Obj(csr, "spec");
            if (ServerJson.Str(spec, "signerName") != CertificateSigningRequestStrategy.KubeApiServerClientSigner) continue;
            var conditions = (ServerJson.Arr(ServerJson.Obj(csr, "status"), "conditions") ?? [])
                .OfType<JsonObject>().Select(c => ServerJson.Str(c, "type")).ToList();
            if (!conditions.Contains("Approved") || conditions.Contains("Denied") || conditions.Contains("Failed")) continue;
            if (!string.IsNullOrEmpty(ServerJson.Str(ServerJson.Obj(csr, "status"), "certificate"))) continue;

            var usages = (ServerJson.Arr(spec, "usages") ?? []).Select(u => u?.ToString() ?? "").ToList();
            var bad = usages.Where(u => !ClientUsages.Contains(u)).ToList();
            if (bad.Count > 0 || !usages.Contains("client auth"))
            {
                Fail(type, csr, bad.Count > 0 ? $"invalid usage for client certificate: {bad[0]}" : "missing required usage for client certificate: client auth");
                continue;
            }
            var pem = Convert.FromBase64String(ServerJson.Str(spec, "request") ?? "");
            var problem = CertificateRequestPem.Check(pem, out var der);
            if (problem is not null || der is null)
            {
                Fail(type, csr, "unable to parse csr: " + problem);
                continue;
            }
            var duration = spec?["expirationSeconds"] is JsonValue ev && ev.TryGetValue<long>(out var seconds) ? TimeSpan.FromSeconds(seconds) : DefaultDuration;
            using var cert = sign(der, duration < DefaultDuration ? duration : DefaultDuration);
            var current = (JsonObject)csr.DeepClone();
            ServerJson.Ensure(current, "status")["certificate"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(cert.ExportCertificatePem() + "\n"));
            Try(() => store.Update(type, null, ObjectMeta.Name(csr), current, new WriteOptions { FieldManager = "kube-controller-manager", Subresource = "status" }));
        }
    }

    private void Fail(ResourceType type, JsonObject csr, string message)
    {
        var current = (JsonObject)csr.DeepClone();
        var status = ServerJson.Ensure(current, "status");
        var conditions = ServerJson.Arr(status, "conditions") ?? [];
        var now = ObjectMeta.Timestamp(store.Now);
        conditions.Add(new JsonObject
        {
            ["type"] = "Failed", ["status"] = "True", ["reason"] = "SignerValidationFailure", ["message"] = message,
            ["lastUpdateTime"] = now, ["lastTransitionTime"] = now,
        });
        status["conditions"] = conditions;
        Try(() => store.Update(type, null, ObjectMeta.Name(csr), current, new WriteOptions { FieldManager = "kube-controller-manager", Subresource = "status" }));
    }

    private static void Try(Action write)
    {
        try
        {
            write();
        }
        catch (ApiException)
        {
            // level-based: the next pass retries
        }
    }
}
