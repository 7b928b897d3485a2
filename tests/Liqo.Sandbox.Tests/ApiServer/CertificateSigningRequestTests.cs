using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>
/// certificates.k8s.io/v1 CertificateSigningRequests: validation with the real messages, the requester stamped by the
/// server, approval through /approval (kubectl certificate approve) with the signer permission, and the
/// kube-apiserver-client signer issuing a certificate that authenticates to the cluster as the request's subject.
/// </summary>
public sealed class CertificateSigningRequestTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private const string Path = "/apis/certificates.k8s.io/v1/certificatesigningrequests";

    private static (RSA Key, string Pem) RsaRequest(string cn, string org)
    {
        var key = RSA.Create(2048);
        var req = new CertificateRequest($"O={org}, CN={cn}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (key, req.CreateSigningRequestPem());
    }

    private static string Csr(string name, string pem, string? signer = "kubernetes.io/kube-apiserver-client",
        string[]? usages = null)
    {
        var spec = new JsonObject
        {
            ["request"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)),
            ["groups"] = new JsonArray("system:masters"),
            ["username"] = "someone-else",
            ["usages"] = new JsonArray((usages ?? ["digital signature", "key encipherment", "client auth"]).Select(u => (JsonNode?)u).ToArray()),
        };
        if (signer is not null) spec["signerName"] = signer;
        return new JsonObject
        {
            ["apiVersion"] = "certificates.k8s.io/v1", ["kind"] = "CertificateSigningRequest",
            ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec,
        }.ToJsonString();
    }

    [Fact]
    public async Task A_request_is_validated_with_the_real_messages()
    {
        var (code, body, _) = await f.Raw.PostJsonAsync(Path, Csr("bad-pem", "not a csr"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var message = body!["message"]!.GetValue<string>();
        Assert.StartsWith("CertificateSigningRequest.certificates.k8s.io \"bad-pem\" is invalid: spec.request: Invalid value: []byte{0x6e, 0x6f, 0x74,", message);
        Assert.EndsWith(": PEM block type must be CERTIFICATE REQUEST", message);

        var (_, pem) = RsaRequest("u", "g");
        (code, body, _) = await f.Raw.PostJsonAsync(Path, Csr("no-signer", pem, signer: null, usages: []));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("CertificateSigningRequest.certificates.k8s.io \"no-signer\" is invalid: [spec.usages: Required value, spec.signerName: Required value]",
            body!["message"]!.GetValue<string>());

        // an Ed25519 request whose signature does not verify
        var forged = "-----BEGIN CERTIFICATE REQUEST-----\n" + Convert.ToBase64String(Ed25519Csr.Build("u", "g")) + "\n-----END CERTIFICATE REQUEST-----\n";
        (code, body, _) = await f.Raw.PostJsonAsync(Path, Csr("forged", forged));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.EndsWith(": x509: signature verification failed", body!["message"]!.GetValue<string>());
    }

    [KubectlFact]
    public async Task Kubectl_certificate_approve_gets_a_certificate_that_authenticates_as_the_subject()
    {
        var (key, pem) = RsaRequest("csr-user", "csr-group");
        var (code, body, _) = await f.Raw.PostJsonAsync(Path, Csr("approve-me", pem));
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("raw-admin", body!["spec"]!["username"]!.GetValue<string>()); // the requester, not what the client wrote
        Assert.Equal(["system:masters", "system:authenticated"], body["spec"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Null(body["status"]?["certificate"]);

        var kubectl = new Kubectl(f.Cluster.KubeconfigPath);
        var approve = await kubectl.RunAsync("certificate", "approve", "approve-me");
        Assert.True(approve.Code == 0, approve.Err);
        Assert.Equal("certificatesigningrequest.certificates.k8s.io/approve-me approved\n", approve.Out);

        string? certificate = null;
        await TestHttp.EventuallyAsync(async () =>
        {
            var (_, csr, _) = await f.Raw.GetJsonAsync(Path + "/approve-me");
            certificate = csr?["status"]?["certificate"]?.GetValue<string>();
            return certificate is not null;
        }, "the certificate");
        var (_, approved, _) = await f.Raw.GetJsonAsync(Path + "/approve-me");
        var condition = approved!["status"]!["conditions"]![0]!;
        Assert.Equal("Approved", condition["type"]!.GetValue<string>());
        Assert.Equal("KubectlApprove", condition["reason"]!.GetValue<string>());

        using var cert = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(certificate!)));
        Assert.Equal("O=csr-group, CN=csr-user", cert.Subject); // the subject of the request, as requested
        var identity = new IssuedCertificate(cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), "csr-user", ["csr-group"], cert.NotAfter);
        using var asUser = TestHttp.Create(f.Cluster, identity);
        (code, body, _) = await asUser.GetJsonAsync("/api/v1/secrets");
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("secrets is forbidden: User \"csr-user\" cannot list resource \"secrets\" in API group \"\" at the cluster scope",
            body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approval_needs_the_signer_permission_and_conditions_follow_the_rules()
    {
        var (_, pem) = RsaRequest("x", "y");
        Assert.Equal(HttpStatusCode.Created, (await f.Raw.PostJsonAsync(Path, Csr("rules", pem))).Code);
        var token = f.Cluster.AddBearerToken("approver", ["ops"]);
        await f.Raw.PostJsonAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles",
            """{"metadata":{"name":"csr-approval"},"rules":[{"apiGroups":["certificates.k8s.io"],"resources":["certificatesigningrequests","certificatesigningrequests/approval"],"verbs":["get","update"]}]}""");
        await f.Raw.PostJsonAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
            """{"metadata":{"name":"csr-approval"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"csr-approval"},"subjects":[{"kind":"User","name":"approver"}]}""");
        using var approver = TestHttp.Create(f.Cluster, token: token);
        var (_, csr, _) = await approver.GetJsonAsync(Path + "/rules");
        csr!["status"] = JsonNode.Parse("""{"conditions":[{"type":"Approved","status":"True","reason":"Test"}]}""");
        var (code, body, _) = await approver.SendJsonAsync(HttpMethod.Put, Path + "/rules/approval", csr.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("certificatesigningrequests.certificates.k8s.io \"rules\" is forbidden: user not permitted to approve requests with signerName \"kubernetes.io/kube-apiserver-client\"",
            body!["message"]!.GetValue<string>());

        csr["status"] = JsonNode.Parse("""{"conditions":[{"type":"Approved","status":"True"},{"type":"Denied","status":"True"}]}""");
        (code, body, _) = await f.Raw.SendJsonAsync(HttpMethod.Put, Path + "/rules/approval", csr.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("status.conditions[1].type: Invalid value: \"Denied\": Approved and Denied conditions are mutually exclusive", body!["message"]!.GetValue<string>());

        // a plain update cannot change the request or approve it
        csr["spec"]!["usages"] = new JsonArray("client auth");
        (code, body, _) = await f.Raw.SendJsonAsync(HttpMethod.Put, Path + "/rules", csr.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(3, body!["spec"]!["usages"]!.AsArray().Count);
        Assert.Null(body["status"]?["conditions"]);
    }
}
