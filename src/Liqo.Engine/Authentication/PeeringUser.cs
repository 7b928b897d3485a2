using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Crypto;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Authentication;

/// <summary>The key type of a peering user's client certificate (liqoctl --tls-compatibility-mode).</summary>
public enum PeeringUserKeyAlgorithm
{
    /// <summary>RSA-2048 (liqoctl --tls-compatibility-mode=true): what .NET clients, this module included, can present.</summary>
    Rsa,

    /// <summary>Ed25519 (liqoctl's default unless the controller manager runs in TLS compatibility mode): Go clients only.</summary>
    Ed25519,

    /// <summary>As liqoctl --tls-compatibility-mode=auto: RSA when the controller manager runs with --tls-compatibility-mode, else Ed25519.</summary>
    Auto,
}

/// <summary>A peering user as New-LiqoPeeringUser made it. <see cref="Kubeconfig"/> holds its private key.</summary>
public sealed record PeeringUserResult(string ConsumerClusterId, string ProviderClusterId, string UserName, string CommonName, string TenantNamespace,
    string? Kubeconfig, DateTimeOffset? NotAfter, ClusterKeyAlgorithm KeyAlgorithm);

/// <summary>
/// liqoctl generate peering-user and delete peering-user, on the provider: a user that may do exactly what peering from
/// one consumer needs on this cluster. Its credentials are a client certificate issued through a Kubernetes
/// CertificateSigningRequest (signer kubernetes.io/kube-apiserver-client, approved here) for a fresh key pair; its
/// permissions the chart's peering-user Role (Liqo namespace) and ClusterRole (bound in the consumer's tenant namespace),
/// as liqoctl's userfactory binds them: nothing cluster-wide. The kubeconfig is returned, never stored.
/// </summary>
public static class PeeringUser
{
    private const string Module = "Authentication";
    public const string NameLabel = "liqo.io/peering-user-name";
    public const string ChartRoleSelector = "app.kubernetes.io/component=peering-user";
    public const string Signer = "kubernetes.io/kube-apiserver-client";
    public const string ApprovalReason = "IdentityManagerApproval";
    public const string ApprovalMessage = "This CSR was approved by liqoctl generate token";
    private const string RbacGroup = "rbac.authorization.k8s.io";
    private static readonly TimeSpan CertificateWait = TimeSpan.FromSeconds(30);

    /// <summary>liqo-peer-user-&lt;consumer ID&gt;: the name of the CSR and the prefix of the roles and bindings.</summary>
    public static string UserName(string consumerId) => "liqo-peer-user-" + consumerId;

    /// <summary>The kubeconfig's user entry: &lt;consumer ID&gt;-user.</summary>
    public static string KubeconfigUser(string consumerId) => consumerId + "-user";

    public static async Task<PeeringUserResult> CreateAsync(Operation op, ClusterConnection provider, string consumerId, PeeringUserKeyAlgorithm algorithm)
    {
        InputRules.RemoteClusterId(consumerId, "ConsumerClusterId"); // bad input fails before anything is written
        var ct = op.Cancellation;
        var providerId = await AuthenticationExchange.ReadIdAsync(op, provider, consumerId).ConfigureAwait(false);
        op.Warn(provider, Module, "PeeringUser", "Note that this functionality is currently not supported in EKS clusters");
        op.Warn(provider, Module, "PeeringUser", "Please take note of this kubeconfig as it is not stored.");
        op.Warn(provider, Module, "PeeringUser", $"Note that it can only be used to peer with this cluster from a cluster with ID {consumerId}");

        var keyAlgorithm = algorithm switch
        {
            PeeringUserKeyAlgorithm.Rsa => ClusterKeyAlgorithm.Rsa,
            PeeringUserKeyAlgorithm.Ed25519 => ClusterKeyAlgorithm.Ed25519,
            _ => await TlsCompatibilityModeAsync(provider, ct).ConfigureAwait(false) ? ClusterKeyAlgorithm.Rsa : ClusterKeyAlgorithm.Ed25519,
        };
        var tenantNs = await TenantNamespace.EnsureAsync(op, provider, consumerId).ConfigureAwait(false);
        var user = UserName(consumerId);
        var existing = (await provider.Api.ListAsync(Kinds.ClusterRole, null, $"{NameLabel}={user}", ct: ct).ConfigureAwait(false)).Items;
        if (existing.Count > 0)
            throw new LiqoException(ErrorIds.PeeringUserExists, LiqoErrorCategory.ResourceExists, consumerId,
                $"a user to peer from cluster with ID \"{consumerId}\" already exists. Please delete it first before creating a new one.",
                $"Delete it with Remove-LiqoPeeringUser -ConsumerClusterId {consumerId} (its kubeconfig stops working), then run the command again.");
        var chartRole = await SingleChartRoleAsync(provider, Kinds.Role, "Role", ct).ConfigureAwait(false);
        var chartClusterRole = await SingleChartRoleAsync(provider, Kinds.ClusterRole, "ClusterRole", ct).ConfigureAwait(false);

        var keys = ClusterKeys.Generate(keyAlgorithm);
        var csr = TenantCsr.ForPeerUser(keys, consumerId);
        var certificate = await IssueCertificateAsync(op, provider, user, csr).ConfigureAwait(false);

        // userfactory.EnsureRoles: two RoleBindings to the chart's roles, nothing cluster-wide.
        var subject = new JsonArray(new JsonObject { ["kind"] = "User", ["name"] = csr.CommonName, ["apiGroup"] = RbacGroup });
        var labels = new Dictionary<string, string> { [NameLabel] = user };
        await CreateAsync(op, provider, Kinds.RoleBinding, Binding(Kinds.RoleBinding, $"{user}-liqo-ns-reader", chartRole.Namespace(), labels, subject, "Role", chartRole.Name()))
            .ConfigureAwait(false);
        await CreateAsync(op, provider, Kinds.RoleBinding, Binding(Kinds.RoleBinding, $"{user}-tenant-ns-writer", tenantNs, labels, subject, "ClusterRole", chartClusterRole.Name()))
            .ConfigureAwait(false);

        if (op.PlanOnly)
            return new PeeringUserResult(consumerId, providerId, user, csr.CommonName, tenantNs, null, null, keyAlgorithm);
        var ca = await CertificateAuthorityAsync(provider, ct).ConfigureAwait(false);
        var server = await ApiServerAddressAsync(provider, ct).ConfigureAwait(false);
        var kubeconfig = Kubeconfig(KubeconfigUser(consumerId), consumerId, server, ca, certificate!, keys.ExportPrivateKeyPem(), tenantNs);
        using var cert = X509Certificate2.CreateFromPem(certificate);
        op.Info(provider, Module, "PeeringUser", "User generated successfully", whatIf: "User would be generated");
        return new PeeringUserResult(consumerId, providerId, user, csr.CommonName, tenantNs, kubeconfig, new DateTimeOffset(cert.NotAfter.ToUniversalTime()), keyAlgorithm);
    }

    /// <summary>
    /// liqoctl delete peering-user (userfactory.RemovePermissions): the RoleBindings and the CertificateSigningRequest
    /// labelled with the user's name, in any namespace. Its certificate then authenticates a user without permissions.
    /// Returns how many objects it found (and so deleted, or under -WhatIf would delete): 0 when there is no such user.
    /// </summary>
    public static async Task<int> RemoveAsync(Operation op, ClusterConnection provider, string consumerId)
    {
        var ct = op.Cancellation;
        await AuthenticationExchange.ReadIdAsync(op, provider, consumerId).ConfigureAwait(false);
        var selector = $"{NameLabel}={UserName(consumerId)}";
        var found = 0;
        foreach (var kind in new[] { Kinds.RoleBinding, Kinds.CertificateSigningRequest })
            foreach (var o in (await provider.Api.ListAsync(kind, null, selector, ct: ct).ConfigureAwait(false)).Items)
            {
                found++;
                await ObjectWriter.DeleteAsync(op, provider, kind, o.Namespace(), o.Name()).ConfigureAwait(false);
            }
        op.Info(provider, Module, "PeeringUser", $"Peering user for cluster with ID \"{consumerId}\" deleted successfully", whatIf: $"Peering user for cluster with ID \"{consumerId}\" would be deleted");
        return found;
    }

    private static JsonObject Binding(ResourceKind kind, string name, string? ns, Dictionary<string, string> labels, JsonArray subjects, string roleKind, string roleName)
    {
        var b = Json.Object(kind, name, ns, labels);
        b["subjects"] = subjects.DeepClone();
        b["roleRef"] = new JsonObject { ["apiGroup"] = RbacGroup, ["kind"] = roleKind, ["name"] = roleName };
        return b;
    }

    private static async Task CreateAsync(Operation op, ClusterConnection cluster, ResourceKind kind, JsonObject obj)
    {
        var ns = obj.Namespace();
        if (!await op.MayWriteAsync(cluster, "Create", $"{kind.Kind} {(ns is null ? obj.Name() : ns + "/" + obj.Name())}").ConfigureAwait(false)) return;
        await cluster.Api.CreateAsync(kind, ns, obj, op.Cancellation).ConfigureAwait(false);
    }

    /// <summary>The chart's peering-user Role or ClusterRole, found by its label (exactly one).</summary>
    private static async Task<JsonObject> SingleChartRoleAsync(ClusterConnection provider, ResourceKind kind, string what, CancellationToken ct)
    {
        var found = (await provider.Api.ListAsync(kind, null, ChartRoleSelector, ct: ct).ConfigureAwait(false)).Items;
        return found.Count switch
        {
            1 => found[0],
            0 => throw new LiqoException(ErrorIds.PeeringUserRoleNotFound, LiqoErrorCategory.NotInstalled, ChartRoleSelector,
                $"no peering-user {what} found{(kind.Namespaced ? " in the Liqo namespace" : "")} on the {provider.Scope} cluster (labelled {ChartRoleSelector})",
                "The Liqo chart installs it; check the Liqo installation on that cluster (its version must be 1.0 or later)."),
            _ => throw new LiqoException(ErrorIds.PeeringUserRoleAmbiguous, LiqoErrorCategory.InvalidData, ChartRoleSelector,
                $"multiple peering-user {what}s found on the {provider.Scope} cluster: {string.Join(", ", found.Select(f => f.Name()))}"),
        };
    }

    /// <summary>
    /// The CertificateSigningRequest liqo-peer-user-&lt;C&gt; (signer kubernetes.io/kube-apiserver-client, usages digital
    /// signature, key encipherment, client auth), approved, and its certificate within 30 s. Null in plan mode.
    /// </summary>
    private static async Task<string?> IssueCertificateAsync(Operation op, ClusterConnection provider, string user, TenantCsr csr)
    {
        var ct = op.Cancellation;
        var request = Json.Object(Kinds.CertificateSigningRequest, user, null, new Dictionary<string, string> { [NameLabel] = user });
        request["spec"] = new JsonObject
        {
            ["groups"] = Json.Strings(["system:authenticated"]),
            ["signerName"] = Signer,
            ["request"] = Convert.ToBase64String(csr.Pem),
            ["usages"] = Json.Strings(["digital signature", "key encipherment", "client auth"]),
        };
        if (!await op.MayWriteAsync(provider, "Create", $"CertificateSigningRequest {user}").ConfigureAwait(false)) return null;
        JsonObject created;
        try
        {
            created = await provider.Api.CreateAsync(Kinds.CertificateSigningRequest, null, request, ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsAlreadyExists)
        {
            throw new LiqoException(ErrorIds.PeeringUserExists, LiqoErrorCategory.ResourceExists, user,
                $"The CertificateSigningRequest {user} exists already on the {provider.Scope} cluster: a peering user for this consumer was made before and not fully removed.",
                "Run Remove-LiqoPeeringUser for this consumer, then run the command again.");
        }
        var status = (JsonObject)(created["status"] ??= new JsonObject());
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        conditions.Add(new JsonObject { ["type"] = "Approved", ["status"] = "True", ["reason"] = ApprovalReason, ["message"] = ApprovalMessage });
        status["conditions"] = conditions;
        if (!await op.MayWriteAsync(provider, "Approve", $"CertificateSigningRequest {user}").ConfigureAwait(false)) return null;
        await provider.Api.UpdateSubresourceAsync(Kinds.CertificateSigningRequest, null, created, "approval", ct).ConfigureAwait(false);
        var signed = await Waiter.ForObjectAsync(provider, Kinds.CertificateSigningRequest, null, user,
            c => !string.IsNullOrEmpty(c.StringAt("status.certificate")),
            new WaitTarget("Waiting for the CSR to be signed", $"CertificateSigningRequest {user}", "status.certificate set",
                "Check that the cluster signs kubernetes.io/kube-apiserver-client requests (kube-controller-manager's csrsigning controller)."),
            op.Remaining < CertificateWait ? op.Remaining : CertificateWait, op.CallerCancellation).ConfigureAwait(false);
        return Encoding.ASCII.GetString(Convert.FromBase64String(signed.StringAt("status.certificate")!));
    }

    /// <summary>liqoctl's auto mode: the controller manager's --tls-compatibility-mode flag (bare or true) asks for RSA.</summary>
    private static async Task<bool> TlsCompatibilityModeAsync(ClusterConnection provider, CancellationToken ct)
    {
        var args = await ControllerManagerArgsAsync(provider, ct).ConfigureAwait(false);
        return args.Any(a => a == "--tls-compatibility-mode" || a.Equals("--tls-compatibility-mode=true", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<IReadOnlyList<string>> ControllerManagerArgsAsync(ClusterConnection provider, CancellationToken ct)
    {
        var deployments = (await provider.Api.ListAsync(Kinds.Deployment, provider.LiqoNamespace, Peering.Preflight.ControllerManagerSelector, ct: ct)
            .ConfigureAwait(false)).Items;
        return deployments.SelectMany(d => d["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? new JsonArray())
            .OfType<JsonObject>().Where(c => c["name"]?.ToString() == Peering.Preflight.ControllerManagerContainer)
            .SelectMany(c => c["args"] as JsonArray ?? new JsonArray()).Select(a => a?.ToString() ?? "").ToList();
    }

    /// <summary>
    /// Liqo's apiserver.GetURL: the controller manager's --api-server-address-override (https:// put in front unless it
    /// starts with it), else https://&lt;address&gt;:6443 of the control-plane nodes, found by the first of Liqo's three
    /// node-role labels that selects any, the address chosen by type in Liqo's order over all of them.
    /// </summary>
    private static async Task<string> ApiServerAddressAsync(ClusterConnection provider, CancellationToken ct)
    {
        var args = await ControllerManagerArgsAsync(provider, ct).ConfigureAwait(false);
        const string flag = "--api-server-address-override=";
        if (args.FirstOrDefault(a => a.StartsWith(flag, StringComparison.Ordinal))?[flag.Length..] is { Length: > 0 } address)
            return address.StartsWith("https://", StringComparison.Ordinal) ? address : "https://" + address;
        foreach (var label in ControlPlaneNodeLabels)
        {
            var nodes = (await provider.Api.ListAsync(Kinds.Node, null, label, ct: ct).ConfigureAwait(false)).Items;
            if (nodes.Count == 0) continue;
            var host = NodeAddress(nodes)
                       ?? throw new LiqoException(ErrorIds.ApiServerAddressNotFound, LiqoErrorCategory.ObjectNotFound, provider.Server,
                           $"unable to get the API Server addr: no address found on the control-plane nodes of the {provider.Scope} cluster",
                           "Install Liqo with apiServer.address set (the controller manager's --api-server-address-override).");
            return $"https://{host}:6443";
        }
        throw new LiqoException(ErrorIds.ApiServerAddressNotFound, LiqoErrorCategory.ObjectNotFound, provider.Server,
            $"unable to get the API Server addr: no ApiServer.Address variable provided and no master node found on the {provider.Scope} cluster, one of the two values must be present",
            "Install Liqo with apiServer.address set (the controller manager's --api-server-address-override).");
    }

    /// <summary>The node labels Liqo's getMasterNodes tries, in order (the last one is RKE's).</summary>
    internal static readonly string[] ControlPlaneNodeLabels =
        ["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master", "node-role.kubernetes.io/controlplane"];

    /// <summary>The address types in Liqo's order of preference (utils.GetAddressFromNodeList).</summary>
    internal static readonly string[] AddressPreference = ["ExternalDNS", "ExternalIP", "InternalDNS", "InternalIP", "Hostname"];

    /// <summary>Liqo's GetAddressFromNodeList: for each type in <see cref="AddressPreference"/>, the first node that has one; null when none has any.</summary>
    internal static string? NodeAddress(IReadOnlyList<JsonObject> nodes)
    {
        foreach (var type in AddressPreference)
            foreach (var node in nodes)
                if ((node["status"]?["addresses"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => a["type"]?.ToString() == type) is { } found)
                    return found["address"]?.ToString() ?? "";
        return null;
    }

    /// <summary>The API server's CA: the one the kubeconfig trusts, else the cluster's kube-root-ca.crt.</summary>
    private static async Task<string> CertificateAuthorityAsync(ClusterConnection provider, CancellationToken ct)
    {
        if (provider.CertificateAuthorityPem is { } pem) return pem;
        var cm = await provider.Api.GetAsync(Kinds.ConfigMap, provider.LiqoNamespace, "kube-root-ca.crt", ct).ConfigureAwait(false);
        return cm?["data"]?["ca.crt"]?.ToString()
               ?? throw new LiqoException(ErrorIds.CertificateAuthorityNotFound, LiqoErrorCategory.ObjectNotFound, provider.Server,
                   $"unable to get the API server CA: the kubeconfig names none and '{provider.LiqoNamespace}/kube-root-ca.crt' does not exist on the {provider.Scope} cluster");
    }

    /// <summary>Liqo's GenerateKubeconfig, laid out as clientcmd.Write lays it out.</summary>
    internal static string Kubeconfig(string user, string cluster, string server, string caPem, string certificatePem, string keyPem, string ns)
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\n");
        sb.Append("clusters:\n");
        sb.Append("- cluster:\n");
        sb.Append("    certificate-authority-data: ").Append(B64(caPem)).Append('\n');
        sb.Append("    server: ").Append(server).Append('\n');
        sb.Append("  name: ").Append(cluster).Append('\n');
        sb.Append("contexts:\n");
        sb.Append("- context:\n");
        sb.Append("    cluster: ").Append(cluster).Append('\n');
        sb.Append("    namespace: ").Append(ns).Append('\n');
        sb.Append("    user: ").Append(user).Append('\n');
        sb.Append("  name: default-context\n");
        sb.Append("current-context: default-context\n");
        sb.Append("kind: Config\n");
        sb.Append("preferences: {}\n");
        sb.Append("users:\n");
        sb.Append("- name: ").Append(user).Append('\n');
        sb.Append("  user:\n");
        sb.Append("    client-certificate-data: ").Append(B64(certificatePem)).Append('\n');
        sb.Append("    client-key-data: ").Append(B64(keyPem)).Append('\n');
        return sb.ToString();
    }
}
