using Liqo.Engine.Info;
using Liqo.Engine.Info.Peer;

namespace Liqo.Engine.Tests.Info.Peer;

/// <summary>The ControlPlane identity's client certificate expiry, and the warning when it is near.</summary>
public class IdentityCertificateTests
{
    [Fact]
    public void ReadsNotAfterFromTheKubeconfigSecret()
    {
        var secrets = InfoFixtures.List("rome", "secrets");
        Assert.Equal(DateTimeOffset.Parse("2027-07-10T09:12:31Z"), IdentityCertificate.NotAfter("milan", secrets, ListResult.Of()));
        Assert.Null(IdentityCertificate.NotAfter("naples", secrets, InfoFixtures.List("rome", "identities")));
    }

    [Fact]
    public void FallsBackToTheIdentityWhenTheSecretIsUnreadable()
    {
        var identities = InfoFixtures.List("rome", "identities");
        Assert.Equal(DateTimeOffset.Parse("2026-08-01T08:00:00Z"), IdentityCertificate.NotAfter("venice", ListResult.Of(), identities));
        var broken = InfoFixtures.Items("rome", "secrets")[0].DeepClone().AsObject();
        broken["data"]!["kubeconfig"] = Convert.ToBase64String("users: [ {"u8.ToArray());
        Assert.Equal(DateTimeOffset.Parse("2027-07-10T09:12:31Z"), IdentityCertificate.NotAfter("milan", ListResult.Of(broken), identities));
    }

    [Fact]
    public void WarnsWithinThirtyDays()
    {
        var notAfter = DateTimeOffset.Parse("2026-08-01T08:00:00Z");
        Assert.Null(IdentityCertificate.ExpiryWarning("venice", notAfter, notAfter.AddDays(-30)));
        Assert.Null(IdentityCertificate.ExpiryWarning("venice", null, notAfter));
        var soon = IdentityCertificate.ExpiryWarning("venice", notAfter, DateTimeOffset.Parse("2026-07-20T10:00:00Z"));
        Assert.Equal("The client certificate of the ControlPlane identity towards cluster 'venice' expires on 2026-08-01 08:00:00 UTC (in 11 days); " +
                     "Liqo renews it at two thirds of its lifetime, so check the Identity and the controller-manager logs.", soon);
        Assert.StartsWith("The client certificate of the ControlPlane identity towards cluster 'venice' expired on 2026-08-01 08:00:00 UTC",
            IdentityCertificate.ExpiryWarning("venice", notAfter, notAfter.AddSeconds(1)), StringComparison.Ordinal);
    }
}
