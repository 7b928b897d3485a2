using System.Net;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>
/// Client certificates: the chain is built once per TLS connection (it cannot change on a connection), yet each request
/// is judged as if verified on its own, so a certificate that expires while its connection stays open is refused.
/// </summary>
public sealed class CertificateVerificationTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Requests_on_one_connection_build_the_certificate_chain_once()
    {
        using var http = TestHttp.Create(f.Cluster, f.Cluster.IssueClientCertificate("conn-user", ["system:masters"]));
        var before = f.Cluster.Authenticator.ChainBuilds;
        for (var i = 0; i < 10; i++)
        {
            var (code, _, _) = await http.GetJsonAsync("/api/v1/namespaces/default");
            Assert.Equal(HttpStatusCode.OK, code);
        }
        Assert.Equal(1, f.Cluster.Authenticator.ChainBuilds - before);
    }

    [Fact]
    public async Task A_certificate_that_expires_while_its_connection_is_open_is_refused()
    {
        var issued = f.Cluster.IssueClientCertificate("short-lived", ["system:masters"], validity: TimeSpan.FromSeconds(2));
        using var http = TestHttp.Create(f.Cluster, issued);
        var (first, _, _) = await http.GetJsonAsync("/api/v1/namespaces/default");
        Assert.Equal(HttpStatusCode.OK, first);
        while (DateTimeOffset.UtcNow <= issued.NotAfter.AddSeconds(1)) await Task.Delay(100);
        var (code, body, _) = await http.GetJsonAsync("/api/v1/namespaces/default");
        Assert.Equal(HttpStatusCode.Unauthorized, code);
        Assert.Equal("Unauthorized", body?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_certificate_of_another_cluster_is_refused_on_every_request_of_its_connection()
    {
        var dir = Directory.CreateTempSubdirectory("sbx-other-").FullName;
        await using var other = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "other", Directory = dir });
        using var http = TestHttp.Create(f.Cluster, other.IssueClientCertificate("stranger", ["system:masters"]));
        for (var i = 0; i < 3; i++)
        {
            var (code, _, _) = await http.GetJsonAsync("/api/v1/namespaces/default");
            Assert.Equal(HttpStatusCode.Unauthorized, code);
        }
    }
}
