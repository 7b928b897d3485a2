using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// One simulated Liqo controller: level-based, it looks at the cluster as it is now and takes the steps still missing,
/// each step gated by the controller's latency knob. It runs after every change of the store, of the shared network
/// and of the options; a step that conflicts is simply retried on the next run.
/// </summary>
internal abstract class LiqoController(LiqoControlPlane plane)
{
    protected LiqoControlPlane Plane { get; } = plane;

    /// <summary>The controller's name (latency and disable knobs, field manager).</summary>
    public abstract string Name { get; }

    /// <summary>The component that runs it (Event source, fieldManager).</summary>
    public virtual string Component => "liqo-controller-manager";

    public virtual Task ReconcileAsync(CancellationToken ct)
    {
        Reconcile();
        return Task.CompletedTask;
    }

    protected virtual void Reconcile()
    {
    }

    /// <summary>Whether the step <paramref name="step"/> of the object may be taken now (its latency has elapsed).</summary>
    protected bool Due(JsonObject obj, string step) => Plane.Due(Name, $"{step}/{Obj.Ns(obj)}/{Obj.Name(obj)}/{Obj.Uid(obj)}");

    protected bool Due(string key) => Plane.Due(Name, key);

    protected LiqoOptions Options => Plane.Options;

    protected string Now => Plane.NowText;

    protected List<JsonObject> List(Kind kind, string? ns = null, string? labelSelector = null) => Plane.List(kind, ns, labelSelector);

    protected JsonObject? Get(Kind kind, string? ns, string name) => Plane.Get(kind, ns, name);

    protected JsonObject? Create(Kind kind, string? ns, JsonObject obj) => Plane.Create(kind, ns, obj, Component);

    protected JsonObject? Update(Kind kind, JsonObject obj) => Plane.Update(kind, obj, Component, null);

    protected JsonObject? UpdateStatus(Kind kind, JsonObject obj) => Plane.Update(kind, obj, Component, "status");

    protected bool Delete(Kind kind, string? ns, string name, string? propagation = null) => Plane.Delete(kind, ns, name, propagation);

    protected void Event(JsonObject involved, string type, string reason, string message) => Plane.RecordEvent(involved, type, reason, message, Component);
}
