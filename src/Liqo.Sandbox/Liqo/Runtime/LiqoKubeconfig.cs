using System.Text;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// The kubeconfig Liqo writes for an Identity (pkg/utils/kubeconfig): cluster &lt;remote cluster ID&gt; (server, CA,
/// proxy-url), user &lt;identity name&gt; (the issued certificate and this cluster's private key), context
/// default-context (namespace = the remote tenant namespace when known), keys in the order client-go writes them.
/// </summary>
internal static class LiqoKubeconfig
{
    public static string Build(string identityName, string clusterId, string server, byte[] caPem, byte[] certificatePem, string privateKeyPem,
        string? proxyUrl, string? ns)
    {
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\n");
        sb.Append("clusters:\n");
        sb.Append("- cluster:\n");
        sb.Append("    certificate-authority-data: ").Append(Convert.ToBase64String(caPem)).Append('\n');
        if (!string.IsNullOrEmpty(proxyUrl)) sb.Append("    proxy-url: ").Append(Q(proxyUrl)).Append('\n');
        sb.Append("    server: ").Append(Q(server)).Append('\n');
        sb.Append("  name: ").Append(Q(clusterId)).Append('\n');
        sb.Append("contexts:\n");
        sb.Append("- context:\n");
        sb.Append("    cluster: ").Append(Q(clusterId)).Append('\n');
        if (!string.IsNullOrEmpty(ns)) sb.Append("    namespace: ").Append(Q(ns)).Append('\n');
        sb.Append("    user: ").Append(Q(identityName)).Append('\n');
        sb.Append("  name: default-context\n");
        sb.Append("current-context: default-context\n");
        sb.Append("kind: Config\n");
        sb.Append("preferences: {}\n");
        sb.Append("users:\n");
        sb.Append("- name: ").Append(Q(identityName)).Append('\n');
        sb.Append("  user:\n");
        sb.Append("    client-certificate-data: ").Append(Convert.ToBase64String(certificatePem)).Append('\n');
        sb.Append("    client-key-data: ").Append(Convert.ToBase64String(Encoding.ASCII.GetBytes(privateKeyPem))).Append('\n');
        return sb.ToString();
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
