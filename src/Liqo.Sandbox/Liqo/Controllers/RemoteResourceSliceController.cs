using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Crypto;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The remote ResourceSlice controller (remoteresourceslice_controller.go), on the provider, for replicated slices with a
/// CSR: in the consumer's tenant namespace and with its Tenant, the CSR is checked (key checked unless the Tenant tolerates
/// no handshake) and signed → Authentication Accepted with status.authParams (Denied otherwise, and retried: Liqo requeues when
/// ForgeAuthParams fails, here when the auth-params-failing knob is cleared); with the Tenant Active
/// and class default (or empty), status.resources = the provider defaults overridden key by key by spec.resources →
/// Resources Accepted; Cordoned → Denied unless already decided; Drained → Denied.
/// </summary>
internal sealed class RemoteResourceSliceController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "resourceslice-remote";

    protected override void Reconcile()
    {
        foreach (var rs in List(Kind.ResourceSlice, null, LiqoLabels.Replicated + "=true"))
        {
            if (Obj.Deleting(rs) || Obj.Str(rs, "spec", "csr") is not { Length: > 0 }) continue;
            if (Obj.Str(rs, "spec", "consumerClusterID") is not { Length: > 0 } consumer)
            {
                Event(rs, "Warning", "RemoteCertificateFailed", "ConsumerClusterID not set");
                continue;
            }
            var tenantNs = TenantNamespaces.Find(Plane, consumer);
            if (tenantNs is null || Obj.Name(tenantNs) != Obj.Ns(rs)) continue;
            var tenants = List(Kind.Tenant, Obj.Ns(rs), LiqoLabels.RemoteClusterId + "=" + consumer);
            if (tenants.Count != 1)
            {
                Event(rs, "Warning", "TenantNotFound", "tenants.authentication.liqo.io \"tenants\" not found");
                continue;
            }
            var tenant = tenants[0];
            var certificate = Get(Kind.Secret, Obj.Ns(rs), "liqo-remote-certificate-" + Obj.Name(rs));
            var fingerprint = $"{ApiServer.ObjectMeta.ResourceVersion(rs)}|{ApiServer.ObjectMeta.ResourceVersion(tenant)}|" +
                (certificate is null ? "" : ApiServer.ObjectMeta.ResourceVersion(certificate)) + (Options.AuthParamsFailing ? "|failing" : "");
            if (SameInputs(Obj.Uid(rs), fingerprint)) continue;
            if (!Due(rs, "accept")) continue;

            var status = Obj.Object(rs, "status")?.DeepClone().AsObject() ?? new JsonObject();
            var conditions = new JsonObject { ["conditions"] = Obj.Array(status, "conditions")?.DeepClone() ?? new JsonArray() };
            var now = Now;
            var checkKey = Obj.Str(tenant, "spec", "authzPolicy") != "TolerateNoHandshake";
            var authAccepted = false;
            try
            {
                CertificateRequests.CheckResourceSlice(Obj.Bytes(rs, "spec", "csr") ?? [], Obj.Bytes(tenant, "spec", "publicKey"), checkKey,
                    Obj.Name(rs), consumer);
                if (Options.AuthParamsFailing)
                    throw new AuthParamsException("the identity provider cannot forge the auth parameters yet (knob auth-params-failing)");
                var authParams = IdentityProvider.ForgeAuthParams(Plane, Component, consumer, Obj.Ns(rs),
                    "liqo-remote-certificate-" + Obj.Name(rs), Obj.Bytes(rs, "spec", "csr") ?? [], Obj.Str(tenant, "spec", "proxyURL"));
                if (authParams is null) continue;
                status["authParams"] = authParams;
                authAccepted = true;
            }
            catch (CsrException e)
            {
                Event(rs, "Warning", "InvalidCSR", e.Message);
            }
            catch (AuthParamsException e)
            {
                Event(rs, "Warning", "AuthParamsFailed", e.Message);
            }
            SetCondition(conditions, "Authentication", authAccepted, now);

            switch (Obj.Str(tenant, "spec", "tenantCondition") ?? "Active")
            {
                case "Active":
                    var cls = Obj.Str(rs, "spec", "class") ?? "";
                    if (cls is not ("default" or "")) break;
                    var resources = new JsonObject();
                    var requested = Obj.Object(rs, "spec", "resources");
                    foreach (var (k, v) in Options.DefaultNodeResources.OrderBy(p => p.Key, StringComparer.Ordinal))
                        resources[k] = requested?[k]?.DeepClone() ?? v;
                    foreach (var (k, v) in requested ?? []) resources[k] = v?.DeepClone();
                    status["resources"] = resources;
                    status["storageClasses"] ??= new JsonArray();
                    SetCondition(conditions, "Resources", true, now);
                    break;
                case "Cordoned":
                    if (Obj.Condition(Obj.Array(conditions, "conditions"), "Resources") is null) SetCondition(conditions, "Resources", false, now);
                    break;
                case "Drained":
                    SetCondition(conditions, "Resources", false, now);
                    break;
            }
            status["conditions"] = conditions["conditions"]!.DeepClone();
            if (JsonNode.DeepEquals(Obj.Object(rs, "status") ?? new JsonObject(), status))
            {
                RememberInputs(Obj.Uid(rs), fingerprint);
                continue;
            }
            var before = Obj.Array(rs, "status", "conditions");
            rs["status"] = status;
            if (UpdateStatus(Kind.ResourceSlice, rs) is { } updated)
            {
                foreach (var c in Obj.Array(status, "conditions")!.OfType<JsonObject>())
                {
                    var type = ApiServer.ServerJson.Str(c, "type") ?? "";
                    var value = ApiServer.ServerJson.Str(c, "status") ?? "";
                    if (Obj.Condition(before, type) is { } old
                        && ApiServer.ServerJson.Str(old, "status") == value) continue;
                    Event(updated, "Normal", $"ResourceSlice{type}{value}", $"ResourceSlice {type.ToLowerInvariant()} {value.ToLowerInvariant()}");
                }
            }
        }
    }

    private static void SetCondition(JsonObject holder, string type, bool accepted, string now)
    {
        var value = accepted ? "Accepted" : "Denied";
        var conditions = Obj.Array(holder, "conditions")!;
        var existing = Obj.Condition(conditions, type);
        if (existing is not null && ApiServer.ServerJson.Str(existing, "status") == value) return;
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastTransitionTime"] = now,
            ["reason"] = $"ResourceSlice{type}{value}",
            ["message"] = $"ResourceSlice {type.ToLowerInvariant()} {value.ToLowerInvariant()}",
        };
        if (existing is not null) conditions[conditions.IndexOf(existing)] = condition;
        else conditions.Add(condition);
    }
}
