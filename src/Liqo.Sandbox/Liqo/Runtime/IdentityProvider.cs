using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Crypto;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>Why authParams could not be forged (the message of the AuthParamsFailed event).</summary>
internal sealed class AuthParamsException(string message) : Exception(message);

/// <summary>
/// Liqo's certificate identity provider (pkg/identityManager), on the provider: a CSR is signed by this cluster's CA
/// (so the certificate really authenticates to this API server) and cached with the CSR in a Secret of the tenant
/// namespace (liqo-remote-certificate, or liqo-remote-certificate-&lt;slice&gt;); a later, different CSR is refused with
/// Liqo's BadRequest instead of being signed again.
/// </summary>
internal static class IdentityProvider
{
    public static JsonObject ForgeAuthParams(LiqoControlPlane plane, string manager, string clusterId, string tenantNamespace, string secretName,
        byte[] csrPem, string? proxyUrl)
    {
        var certificatePem = EnsureCertificate(plane, manager, clusterId, tenantNamespace, secretName, csrPem);
        var authParams = new JsonObject
        {
            ["ca"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(plane.Cluster.CaCertificatePem)),
            ["signedCRT"] = Convert.ToBase64String(certificatePem),
            ["apiServer"] = plane.ApiServerUrl,
        };
        if (!string.IsNullOrEmpty(proxyUrl)) authParams["proxyURL"] = proxyUrl;
        return authParams;
    }

    private static byte[] EnsureCertificate(LiqoControlPlane plane, string manager, string clusterId, string ns, string secretName, byte[] csrPem)
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
        if (!csr.SignatureValid)
            throw new AuthParamsException(
                "CertificateSigningRequest.certificates.k8s.io \"\" is invalid: spec.request: Invalid value: \"\": x509: signature verification failed");
        using var issued = plane.Cluster.SignCertificateRequest(csr.Der, TimeSpan.FromDays(365));
        var pem = Encoding.ASCII.GetBytes(Pem.Encode("CERTIFICATE", issued.RawData));
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
}
