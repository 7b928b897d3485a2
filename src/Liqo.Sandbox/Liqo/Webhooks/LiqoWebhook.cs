using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Webhooks;

/// <summary>
/// One of liqo-webhook's admission webhooks, called by the API server for creates and updates of its kind. A denial is
/// answered as kube-apiserver answers a webhook's: "admission webhook "&lt;name&gt;" denied the request: &lt;message&gt;"
/// with the webhook's code (controller-runtime: Denied = 403 Forbidden, Errored = the given code, no reason).
/// </summary>
internal abstract class LiqoWebhook(LiqoControlPlane plane)
{
    protected LiqoControlPlane Plane { get; } = plane;

    /// <summary>The kind the webhook's rules match.</summary>
    public abstract Kind Kind { get; }

    public void Register() => Plane.Store.AddAdmissionHook(request =>
    {
        if (!Plane.Options.Installed) return;
        if (request.Type.Group != Kind.Group || request.Type.Kind != Kind.Name) return;
        Admit(request);
    });

    protected abstract void Admit(AdmissionRequest request);

    protected static ApiException Denied(string webhook, string message) =>
        new(403, "Forbidden", $"admission webhook \"{webhook}\" denied the request: {message}");

    protected static ApiException Errored(string webhook, int code, string message) =>
        new(code, "", $"admission webhook \"{webhook}\" denied the request: {message}");
}
