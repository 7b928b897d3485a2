using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Webhooks;

/// <summary>
/// The Tenant webhooks (pkg/webhooks/tenant): the mutating one adds the liqo.io/remote-cluster-id label from
/// spec.clusterID when missing; the validating one checks the tenant namespace, the label, one Tenant per tenant
/// namespace and a cluster-wide unique name, with Liqo's messages and codes.
/// </summary>
internal sealed class TenantWebhook(LiqoControlPlane plane) : LiqoWebhook(plane)
{
    private const string Name = "tenant.validate.liqo.io";

    public override Kind Kind => Kind.Tenant;

    protected override void Admit(AdmissionRequest request)
    {
        var tenant = request.Object;
        var clusterId = Obj.Str(tenant, "spec", "clusterID") ?? "";
        if (Obj.Label(tenant, LiqoLabels.RemoteClusterId) is null) Obj.SetLabel(tenant, LiqoLabels.RemoteClusterId, clusterId);

        var ns = Plane.Get(Kind.Namespace, null, request.Namespace);
        if (ns is null)
            throw Errored(Name, 500, $"failed getting the tenant namespace: namespaces \"{request.Namespace}\" not found");
        if (Obj.Label(ns, LiqoLabels.TenantNamespace) != "true")
            throw Errored(Name, 400, "resources Tenant must be created in a tenant namespace, check the documentation for further info");
        if (Obj.Label(tenant, LiqoLabels.RemoteClusterId) != clusterId)
            throw Errored(Name, 400, $"the \"{LiqoLabels.RemoteClusterId}\" label must match the cluster ID in the specs");
        if (clusterId != Obj.Label(ns, LiqoLabels.RemoteClusterId))
            throw Errored(Name, 403, "the Tenant must have the same cluster ID of its tenant namespace");

        var sameName = Plane.List(Kind.Tenant).Where(t => Obj.Name(t) == request.Name).ToList();
        if (request.Operation == "CREATE")
        {
            if (Plane.List(Kind.Tenant, request.Namespace).Count > 0)
                throw Denied(Name, "a Tenant already exists in the tenant namespace");
            if (sameName.Count > 0)
                throw Denied(Name, "tenant should have a unique name across the cluster: a Tenant with the same name already exists in the cluster");
        }
        else if (sameName.Count == 1 && Obj.Uid(sameName[0]) != Obj.Uid(tenant))
            throw Denied(Name, "tenant should have a unique name across the cluster: a Tenant with the same name already exists in the cluster");
    }
}
