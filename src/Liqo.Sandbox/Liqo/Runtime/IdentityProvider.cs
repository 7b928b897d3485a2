using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Crypto;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>Why authParams could not be forged (the message of the AuthParamsFailed event).</summary>
internal sealed class AuthParamsException(string message) : Exception(message);

/// <summary>
/// Liqo's certificate identity provider (pkg/identityManager), on the provider: a CSR becomes a Kubernetes
/// CertificateSigningRequest liqo-identity-&lt;random&gt; (label liqo.io/remote-tenant-csr, signer
/// kubernetes.io/kube-apiserver-client), approved at once; the API server's signer issues the certificate from this
/// cluster's CA (so it really authenticates here); it is cached with the CSR in a Secret of the tenant namespace
/// (liqo-remote-certificate, or liqo-remote-certificate-&lt;slice&gt;), and a later, different CSR is refused with
/// Liqo's BadRequest instead of being signed again. Where the API server serves no CertificateSigningRequests the CA
/// signs directly.
/// </summary>
internal static class IdentityProvider
{
    private static readonly Kind Csr = new("certificates.k8s.io/v1", "CertificateSigningRequest");

    /// <summary>The authParams, or null while the certificate is being issued (the caller retries on the next change).</summary>
    public static JsonObject? ForgeAuthParams(LiqoControlPlane plane, string manager, string clusterId, string tenantNamespace, string secretName,
        byte[] csrPem, string? proxyUrl)
    {
        var certificatePem = EnsureCertificate(plane, manager, clusterId, tenantNamespace, secretName, csrPem);
        if (certificatePem is null) return null;
        var authParams = new JsonObject
        {
            ["ca"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(plane.Cluster.CaCertificatePem)),
            ["signedCRT"] = Convert.ToBase64String(certificatePem),
            ["apiServer"] = plane.ApiServerUrl,
        };
        if (!string.IsNullOrEmpty(proxyUrl)) authParams["proxyURL"] = proxyUrl;
        return authParams;
    }

    private static byte[]? EnsureCertificate(LiqoControlPlane plane, string manager, string clusterId, string ns, string secretName, byte[] csrPem)
    {
        var cached = plane.Get(Kind.Secret, ns, secretName);
        if (cached is not null)
        {
            var storedCsr = Obj.Bytes(cached, "data", "csr");
            if (storedCsr is not null && !storedCsr.AsSpan().SequenceEqual(csrPem))
                throw new AuthParamsException($"the stored and the provided CSR for cluster {clusterId} does not match");
            if (Obj.Bytes(cached, "data", "certificate") is { Length: > 0 } cert && storedCsr is not null) return cert;
            throw new AuthParamsException($"secrets \"{secretName}\" not found");
        }
        ParsedCsr csr;
        try
        {
            csr = CertificateRequests.Parse(csrPem);
        }
        catch (CsrException e)
        {
            throw new AuthParamsException(e.Message);
        }
        byte[] pem;
        if (plane.TypeOf(Csr) is { } csrType)
        {
            var issuedPem = IssueThroughKubernetes(plane, csrType, manager, $"{ns}/{secretName}/{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(csrPem))}", csrPem);
            if (issuedPem is null) return null;
            pem = issuedPem;
        }
        else
        {
            if (!csr.SignatureValid)
                throw new AuthParamsException(
                    "CertificateSigningRequest.certificates.k8s.io \"\" is invalid: spec.request: Invalid value: \"\": x509: signature verification failed");
            using var issued = plane.Cluster.SignCertificateRequest(csr.Der, TimeSpan.FromDays(365));
            pem = Encoding.ASCII.GetBytes(Pem.Encode("CERTIFICATE", issued.RawData));
        }
        var created = plane.Create(Kind.Secret, ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = secretName,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [LiqoLabels.RemoteClusterId] = clusterId },
            },
            ["type"] = "Opaque",
            ["data"] = new JsonObject
            {
                ["csr"] = Convert.ToBase64String(csrPem),
                ["certificate"] = Convert.ToBase64String(pem),
            },
        }, manager);
        if (created is null) throw new AuthParamsException($"unable to store the certificate in secret \"{secretName}\"");
        plane.Log($"{manager}: issued a certificate for {csr.CommonName} ({string.Join(",", csr.Organizations)}) cached in {ns}/{secretName}");
        return pem;
    }

    /// <summary>
    /// Creates and approves a CertificateSigningRequest, then (on later calls) returns the certificate the signer put in
    /// its status; null while it is pending.
    /// </summary>
    private static byte[]? IssueThroughKubernetes(LiqoControlPlane plane, ApiServer.Types.ResourceType csrType, string manager, string key, byte[] csrPem)
    {
        if (plane.PendingCertificateRequests.TryGetValue(key, out var pendingName))
        {
            var pending = plane.Get(Csr, null, pendingName);
            if (pending is not null)
            {
                if (Obj.Bytes(pending, "status", "certificate") is { Length: > 0 } certificate)
                {
                    plane.PendingCertificateRequests.TryRemove(key, out _);
                    return certificate;
                }
                var failed = (Obj.Array(pending, "status", "conditions") ?? []).OfType<JsonObject>()
                    .FirstOrDefault(c => Obj.Str(c, "type") is "Failed" or "Denied");
                if (failed is null) return null;
                plane.PendingCertificateRequests.TryRemove(key, out _);
                throw new AuthParamsException(Obj.Str(failed, "message") ?? $"certificate signing request {pendingName} {Obj.Str(failed, "type")?.ToLowerInvariant()}");
            }
            plane.PendingCertificateRequests.TryRemove(key, out _);
        }
        JsonObject created;
        try
        {
            created = plane.Store.Create(csrType, null, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["generateName"] = "liqo-identity-",
                    ["labels"] = new JsonObject { ["liqo.io/remote-tenant-csr"] = "true" },
                },
                ["spec"] = new JsonObject
                {
                    ["username"] = $"system:serviceaccount:{plane.LiqoNamespace}:liqo-controller-manager",
                    ["groups"] = Obj.Strings(["system:serviceaccounts", $"system:serviceaccounts:{plane.LiqoNamespace}", "system:authenticated"]),
                    ["signerName"] = "kubernetes.io/kube-apiserver-client",
                    ["request"] = Convert.ToBase64String(csrPem),
                    ["usages"] = Obj.Strings(["digital signature", "key encipherment", "client auth"]),
                },
            }, new ApiServer.Storage.WriteOptions { FieldManager = manager }).Object;
        }
        catch (ApiServer.ApiException e)
        {
            throw new AuthParamsException(e.Message);
        }
        var now = plane.NowText;
        created["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Approved",
                ["status"] = "True",
                ["reason"] = "IdentityManagerApproval",
                ["message"] = "This CSR was approved by Liqo Identity Manager",
                ["lastUpdateTime"] = now,
                ["lastTransitionTime"] = now,
            }),
        };
        try
        {
            plane.Store.Update(csrType, null, Obj.Name(created), created, new ApiServer.Storage.WriteOptions { FieldManager = manager, Subresource = "approval" });
        }
        catch (ApiServer.ApiException e)
        {
            throw new AuthParamsException(e.Message);
        }
        plane.PendingCertificateRequests[key] = Obj.Name(created);
        return null;
    }
}
