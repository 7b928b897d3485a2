using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>RFC 6902 JSON patch. CONTRACT STUB: the implementation replaces the body.</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations to a copy of <paramref name="target"/>; throws <see cref="PatchException"/> as the API server fails.</summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations) => throw new NotImplementedException();
}
