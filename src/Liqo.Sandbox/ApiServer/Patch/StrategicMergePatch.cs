using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// Strategic merge patch for the built-in kinds the sandbox serves (merge keys and directives per kind).
/// The caller answers 415 for custom resources before calling this. CONTRACT STUB: the implementation replaces the body.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>Returns a new object: <paramref name="target"/> patched; every <c>$…</c> directive key is consumed, never stored.</summary>
    /// <param name="group">API group of the kind ("" for core).</param>
    /// <param name="kind">Kind, e.g. Pod, Service, Deployment.</param>
    public static JsonObject Apply(JsonObject target, JsonObject patch, string group, string kind) => throw new NotImplementedException();
}
