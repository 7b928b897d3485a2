using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Liqo.Engine.Resources;
using YamlDotNet.RepresentationModel;

namespace Liqo.Engine.Info.Peer;

/// <summary>
/// When the consumer's access to a provider stops working: NotAfter of the client certificate in the kubeconfig Secret of
/// the ControlPlane Identity (labels liqo.io/remote-cluster-id and liqo.io/identity-type=ControlPlane), else of the
/// certificate the Identity itself carries (spec.authParams.signedCRT). Nothing of the Secret leaves this class.
/// </summary>
public static class IdentityCertificate
{
    internal const string SecretSelector = LiqoConstants.IdentityTypeLabel + "=ControlPlane";

    /// <summary>Days before expiry from which the cmdlets warn.</summary>
    public static readonly TimeSpan WarningWindow = TimeSpan.FromDays(30);

    internal static DateTimeOffset? NotAfter(string clusterId, ListResult secrets, ListResult identities)
    {
        var secret = InfoJson.WithRemoteClusterId(secrets, clusterId)
            .Where(s => s.Label(LiqoConstants.IdentityTypeLabel) == "ControlPlane").ToList();
        if (secret.Count == 1 && FromKubeconfigSecret(secret[0]) is { } fromSecret) return fromSecret;
        var identity = InfoJson.WithRemoteClusterId(identities, clusterId).Where(i => InfoJson.Str(i["spec"]?["type"]) == "ControlPlane").ToList();
        return identity.Count == 1 ? FromBase64Pem(InfoJson.StrOrNull(identity[0]["spec"]?["authParams"]?["signedCRT"])) : null;
    }

    /// <summary>The warning the cmdlets write when the certificate expires within <see cref="WarningWindow"/>; null otherwise.</summary>
    public static string? ExpiryWarning(string clusterId, DateTimeOffset? notAfter, DateTimeOffset now)
    {
        if (notAfter is not { } end || end - now >= WarningWindow) return null;
        var left = end - now;
        var when = end.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        return left <= TimeSpan.Zero
            ? $"The client certificate of the ControlPlane identity towards cluster '{clusterId}' expired on {when}: the peering's control plane cannot reach that cluster until Liqo renews it."
            : $"The client certificate of the ControlPlane identity towards cluster '{clusterId}' expires on {when} (in {Math.Floor(left.TotalDays):0} days); Liqo renews it at two thirds of its lifetime, so check the Identity and the controller-manager logs.";
    }

    private static DateTimeOffset? FromKubeconfigSecret(JsonObject secret)
    {
        try
        {
            if (InfoJson.StrOrNull(secret["data"]?["kubeconfig"]) is not { } b64) return null;
            var yaml = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return null;
            if (!root.Children.TryGetValue(new YamlScalarNode("users"), out var users) || users is not YamlSequenceNode list) return null;
            foreach (var u in list.OfType<YamlMappingNode>())
            {
                if (!u.Children.TryGetValue(new YamlScalarNode("user"), out var user) || user is not YamlMappingNode m) continue;
                if (m.Children.TryGetValue(new YamlScalarNode("client-certificate-data"), out var data) && data is YamlScalarNode { Value: { } v })
                    return FromBase64Pem(v);
            }
            return null;
        }
        catch (Exception e) when (e is FormatException or YamlDotNet.Core.YamlException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    private static DateTimeOffset? FromBase64Pem(string? b64)
    {
        if (string.IsNullOrEmpty(b64)) return null;
        try
        {
            var pem = Encoding.ASCII.GetString(Convert.FromBase64String(b64));
            using var cert = X509Certificate2.CreateFromPem(pem);
            return new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}
