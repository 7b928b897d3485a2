using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>RFC 7386 JSON merge patch. CONTRACT STUB: the implementation replaces the body.</summary>
public static class JsonMergePatch
{
    /// <summary>Returns a new node: <paramref name="target"/> with <paramref name="patch"/> merged in (inputs are not modified).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => throw new NotImplementedException();
}
