using System.Globalization;
using System.Text;

namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>Writes kubeconfig YAML by hand, in the form kubectl 1.32 and KubernetesClient both read (embedded *-data fields).</summary>
internal static class KubeconfigWriter
{
    public static string Build(string contextName, Uri server, string caPem, string userEntry, string? certPem, string? keyPem, string? token)
    {
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\n");
        sb.Append("kind: Config\n");
        sb.Append("clusters:\n");
        sb.Append(CultureInfo.InvariantCulture, $"- name: {Q(contextName)}\n");
        sb.Append("  cluster:\n");
        sb.Append(CultureInfo.InvariantCulture, $"    server: {Q(server.ToString().TrimEnd('/'))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    certificate-authority-data: {B64(caPem)}\n");
        sb.Append("users:\n");
        sb.Append(CultureInfo.InvariantCulture, $"- name: {Q(userEntry)}\n");
        sb.Append("  user:\n");
        if (token is not null) sb.Append(CultureInfo.InvariantCulture, $"    token: {Q(token)}\n");
        if (certPem is not null) sb.Append(CultureInfo.InvariantCulture, $"    client-certificate-data: {B64(certPem)}\n");
        if (keyPem is not null) sb.Append(CultureInfo.InvariantCulture, $"    client-key-data: {B64(keyPem)}\n");
        sb.Append("contexts:\n");
        sb.Append(CultureInfo.InvariantCulture, $"- name: {Q(contextName)}\n");
        sb.Append("  context:\n");
        sb.Append(CultureInfo.InvariantCulture, $"    cluster: {Q(contextName)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    user: {Q(userEntry)}\n");
        sb.Append("    namespace: default\n");
        sb.Append(CultureInfo.InvariantCulture, $"current-context: {Q(contextName)}\n");
        sb.Append("preferences: {}\n");
        return sb.ToString();
    }

    private static string B64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));

    /// <summary>A double-quoted YAML scalar (names such as system:admin contain colons).</summary>
    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
