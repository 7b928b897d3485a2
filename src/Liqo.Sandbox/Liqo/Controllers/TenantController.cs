using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Crypto;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The tenant controller (tenant-controller/tenant_controller.go), on the provider: finalizer tenant.liqo.io/finalizer;
/// unless spec.authzPolicy is TolerateNoHandshake, the nonce signature (spec.signature over the ASCII bytes of the
/// cluster-wide liqo-nonce of the consumer, with spec.publicKey) and the CSR (CN = cluster ID, O = liqo.io, the Tenant's
/// key) are checked, a failure being only a Warning event; then the tenant namespace, a client certificate signed by
/// this cluster's CA (cached in liqo-remote-certificate), the RoleBinding of the remote control-plane ClusterRole and the
/// cluster-wide ClusterRoleBinding, and status.tenantNamespace / status.authParams. Cordoning marks the consumer's
/// ResourceSlices with liqo.io/cordon-tenant; draining unbinds the consumer's roles and deletes its ResourceSlices and NamespaceMaps.
/// </summary>
internal sealed class TenantController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "tenant";

    protected override void Reconcile()
    {
        foreach (var tenant in List(Kind.Tenant)) ReconcileTenant(tenant);
    }

    private void ReconcileTenant(JsonObject tenant)
    {
        var clusterId = Obj.Str(tenant, "spec", "clusterID") ?? "";
        var finalizers = ApiServer.ObjectMeta.Finalizers(tenant);
        if (Obj.Deleting(tenant))
        {
            if (!finalizers.Contains(LiqoLabels.TenantFinalizer)) return;
            foreach (var crb in List(Kind.ClusterRoleBinding, null, LiqoLabels.RemoteClusterId + "=" + clusterId))
                Delete(Kind.ClusterRoleBinding, null, Obj.Name(crb));
            ApiServer.ObjectMeta.SetFinalizers(tenant, finalizers.Where(f => f != LiqoLabels.TenantFinalizer));
            Update(Kind.Tenant, tenant);
            return;
        }
        if (!finalizers.Contains(LiqoLabels.TenantFinalizer))
        {
            ApiServer.ObjectMeta.SetFinalizers(tenant, [.. finalizers, LiqoLabels.TenantFinalizer]);
            Update(Kind.Tenant, tenant);
            return;
        }
        var condition = Obj.Str(tenant, "spec", "tenantCondition") ?? "Active";
        if (Options.TenantCordoned && condition == "Active")
        {
            if (!Due(tenant, "cordon")) return;
            Obj.Set(tenant, "Cordoned", "spec", "tenantCondition");
            Update(Kind.Tenant, tenant);
            return;
        }
        var roles = List(Kind.ClusterRole, null, LiqoLabels.AppName + "=remote-controlplane");
        var clusterWideRoles = List(Kind.ClusterRole, null, LiqoLabels.AppName + "=virtual-kubelet-remote-clusterwide");
        if (condition == "Drained")
        {
            Drain(tenant, clusterId, roles, clusterWideRoles);
            return;
        }
        MarkSlices(clusterId, condition == "Cordoned");

        var handshake = Obj.Str(tenant, "spec", "authzPolicy") != "TolerateNoHandshake";
        var nonceRv = string.Join(",", List(Kind.Secret, null, $"{LiqoLabels.Nonce}=true,{LiqoLabels.RemoteClusterId}={clusterId}")
            .Select(ApiServer.ObjectMeta.ResourceVersion));
        var certRv = TenantNamespaces.Find(Plane, clusterId) is { } tns && Get(Kind.Secret, Obj.Name(tns), "liqo-remote-certificate") is { } cert
            ? ApiServer.ObjectMeta.ResourceVersion(cert) : "";
        var fingerprint = $"{ApiServer.ObjectMeta.ResourceVersion(tenant)}|{nonceRv}|{certRv}|{Options.SignatureRejected}";
        if (SameInputs(Obj.Uid(tenant), fingerprint)) return;
        if (handshake && !Verify(tenant, clusterId))
        {
            RememberInputs(Obj.Uid(tenant), fingerprint);
            return;
        }
        if (!Due(tenant, "authenticate")) return;

        var ns = TenantNamespaces.Ensure(Plane, clusterId, Component);
        if (ns is null)
        {
            Event(tenant, "Warning", "TenantNamespaceCreationFailed", $"multiple tenant namespaces found for clusterid {clusterId}");
            return;
        }
        var tenantNs = Obj.Name(ns);
        var status = Obj.Object(tenant, "status")?.DeepClone().AsObject() ?? new JsonObject();
        status["tenantNamespace"] = tenantNs;
        var ok = true;
        if (handshake)
        {
            try
            {
                var authParams = IdentityProvider.ForgeAuthParams(Plane, Component, clusterId, tenantNs, "liqo-remote-certificate",
                    Obj.Bytes(tenant, "spec", "csr") ?? [], Obj.Str(tenant, "spec", "proxyURL"));
                // While the certificate is being issued the real reconcile waits (up to 30 s): nothing is written yet.
                if (authParams is null) return;
                status["authParams"] = authParams;
                Bind(tenant, clusterId, tenantNs, roles, clusterWideRoles);
            }
            catch (AuthParamsException e)
            {
                Event(tenant, "Warning", "AuthParamsFailed", e.Message);
                ok = false;
            }
        }
        if (!JsonNode.DeepEquals(Obj.Object(tenant, "status") ?? new JsonObject(), status))
        {
            tenant["status"] = status;
            if (UpdateStatus(Kind.Tenant, tenant) is { } updated && ok) Event(updated, "Normal", "Reconciled", "Tenant reconciled");
        }
        else if (!ok || Bound(clusterId, Obj.Name(ns), roles, clusterWideRoles) || !handshake) RememberInputs(Obj.Uid(tenant), fingerprint);
    }

    private bool Verify(JsonObject tenant, string clusterId)
    {
        var nonces = List(Kind.Secret, null, $"{LiqoLabels.Nonce}=true,{LiqoLabels.RemoteClusterId}={clusterId}");
        if (nonces.Count != 1)
        {
            Event(tenant, "Warning", "NonceNotFound", nonces.Count == 0
                ? "secrets \"secrets\" not found"
                : $"multiple resources of type {{secrets}} found for label selector {{{LiqoLabels.Nonce}=true,{LiqoLabels.RemoteClusterId}={clusterId}}} in namespace {{}}, when only one was expected");
            return false;
        }
        var nonce = Obj.Bytes(nonces[0], "data", "nonce");
        if (nonce is not { Length: > 0 })
        {
            Event(tenant, "Warning", "NonceNotFound", $"nonce not found in secret {Obj.Ns(nonces[0])}/{Obj.Name(nonces[0])}");
            return false;
        }
        var publicKey = Obj.Bytes(tenant, "spec", "publicKey") ?? [];
        var key = SimulatedClusterKeys.ParseTenantPublicKey(publicKey);
        var signature = Obj.Bytes(tenant, "spec", "signature") ?? [];
        if (Options.SignatureRejected || key is null || !SimulatedClusterKeys.Verify(key, nonce, signature))
        {
            Event(tenant, "Warning", "SignatureVerificationFailed", $"signature verification failed for Tenant \"{Obj.Name(tenant)}\"");
            return false;
        }
        try
        {
            CertificateRequests.CheckControlPlane(Obj.Bytes(tenant, "spec", "csr") ?? [], publicKey, clusterId);
        }
        catch (CsrException e)
        {
            Event(tenant, "Warning", "InvalidCSR", e.Message);
            return false;
        }
        return true;
    }

    private bool Bound(string clusterId, string tenantNs, List<JsonObject> roles, List<JsonObject> clusterWideRoles) =>
        roles.All(r => Get(Kind.RoleBinding, tenantNs, "liqo-binding-" + Obj.Name(r)) is not null)
        && clusterWideRoles.All(r => Get(Kind.ClusterRoleBinding, null, $"liqo-binding-{Obj.Name(r)}-{clusterId}") is not null);

    private void Bind(JsonObject tenant, string clusterId, string tenantNs, List<JsonObject> roles, List<JsonObject> clusterWideRoles)
    {
        foreach (var role in roles)
        {
            var name = "liqo-binding-" + Obj.Name(role);
            if (Get(Kind.RoleBinding, tenantNs, name) is not null) continue;
            Create(Kind.RoleBinding, tenantNs, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = tenantNs,
                    ["labels"] = new JsonObject { [LiqoLabels.RemoteClusterId] = clusterId },
                    ["ownerReferences"] = new JsonArray(Obj.OwnerRef(tenant, controller: false)),
                },
                ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = Obj.Name(role) },
                ["subjects"] = new JsonArray(new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "User", ["name"] = clusterId }),
            });
        }
        foreach (var role in clusterWideRoles)
        {
            var name = $"liqo-binding-{Obj.Name(role)}-{clusterId}";
            if (Get(Kind.ClusterRoleBinding, null, name) is not null) continue;
            Create(Kind.ClusterRoleBinding, null, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject { [LiqoLabels.RemoteClusterId] = clusterId },
                },
                ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = Obj.Name(role) },
                ["subjects"] = new JsonArray(new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "User", ["name"] = clusterId }),
            });
        }
    }

    /// <summary>
    /// Drained (handleTenantDrained): the consumer's cluster-wide bindings and tenant-namespace bindings go (it can no longer
    /// replicate or reach anything here), then every ResourceSlice and NamespaceMap labelled with its cluster ID is deleted,
    /// with an event for each step. Nothing else of the reconcile runs: activation binds again.
    /// </summary>
    private void Drain(JsonObject tenant, string clusterId, List<JsonObject> roles, List<JsonObject> clusterWideRoles)
    {
        foreach (var role in clusterWideRoles)
        {
            if (Get(Kind.ClusterRoleBinding, null, $"liqo-binding-{Obj.Name(role)}-{clusterId}") is not null)
                Delete(Kind.ClusterRoleBinding, null, $"liqo-binding-{Obj.Name(role)}-{clusterId}");
        }
        if (TenantNamespaces.Find(Plane, clusterId) is { } ns)
        {
            var unbound = false;
            foreach (var role in roles)
                unbound |= Get(Kind.RoleBinding, Obj.Name(ns), "liqo-binding-" + Obj.Name(role)) is not null
                           && Delete(Kind.RoleBinding, Obj.Name(ns), "liqo-binding-" + Obj.Name(role));
            if (unbound) Event(tenant, "Normal", "ClusterRolesUnbindingSuccess", "ClusterRoles unbinded");
        }
        var slices = List(Kind.ResourceSlice, null, LiqoLabels.RemoteClusterId + "=" + clusterId).Where(rs => !Obj.Deleting(rs)).ToList();
        foreach (var rs in slices) Delete(Kind.ResourceSlice, Obj.Ns(rs), Obj.Name(rs));
        if (slices.Count > 0) Event(tenant, "Normal", "ResourceSlicesDeleted", "ResourceSlices deleted");
        var maps = List(Kind.NamespaceMap, null, LiqoLabels.RemoteClusterId + "=" + clusterId).Where(m => !Obj.Deleting(m)).ToList();
        foreach (var m in maps) Delete(Kind.NamespaceMap, Obj.Ns(m), Obj.Name(m));
        if (maps.Count > 0) Event(tenant, "Normal", "NamespaceMapsDeleted", "NamespaceMaps deleted");
    }

    /// <summary>Cordoned: the consumer's ResourceSlices get liqo.io/cordon-tenant=true; uncordoned: it is removed.</summary>
    private void MarkSlices(string clusterId, bool cordoned)
    {
        foreach (var rs in List(Kind.ResourceSlice, null, LiqoLabels.RemoteClusterId + "=" + clusterId))
        {
            var has = Obj.Annotation(rs, LiqoLabels.CordonTenantAnnotation) is not null;
            if (has == cordoned) continue;
            if (cordoned) Obj.SetAnnotation(rs, LiqoLabels.CordonTenantAnnotation, "true");
            else Obj.RemoveAnnotation(rs, LiqoLabels.CordonTenantAnnotation);
            Update(Kind.ResourceSlice, rs);
        }
    }
}
