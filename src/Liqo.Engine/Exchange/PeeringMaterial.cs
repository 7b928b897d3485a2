using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Engine.Exchange;

/// <summary>
/// What one cluster hands to the other in an out-of-band peering, where nobody holds credentials for both: a JSON
/// document that says what it is (<see cref="Kind"/>), which cluster made it (<see cref="FromClusterId"/>) and for which
/// cluster (<see cref="ForClusterId"/>), and carries exactly what that cluster needs (<see cref="Data"/>). Importing it
/// anywhere else, or as another kind, fails with a clear error before anything is written.
/// </summary>
public sealed class PeeringMaterial
{
    /// <summary>The format's version; a document of another version is refused.</summary>
    public const string FormatVersion = "liqo-powershell/v1";

    public const string NonceKind = "LiqoNonce";
    public const string TenantKind = "LiqoTenant";
    public const string IdentityKind = "LiqoIdentity";
    public const string NetworkConfigurationKind = "LiqoNetworkConfiguration";
    public const string GatewayServerKind = "LiqoGatewayServer";
    public const string GatewayClientKind = "LiqoGatewayClient";

    private static readonly string[] KnownKinds = [NonceKind, TenantKind, IdentityKind, NetworkConfigurationKind, GatewayServerKind, GatewayClientKind];

    public PeeringMaterial(string kind, string fromClusterId, string forClusterId, JsonObject data, DateTimeOffset? createdAt = null)
    {
        Kind = kind;
        FromClusterId = fromClusterId;
        ForClusterId = forClusterId;
        Data = data;
        CreatedAt = createdAt ?? DateTimeOffset.UtcNow;
    }

    public string Kind { get; }

    /// <summary>The cluster that made it.</summary>
    public string FromClusterId { get; }

    /// <summary>The only cluster that may import it; empty for liqoctl's formats, which do not say (<see cref="LiqoctlMaterial"/>).</summary>
    public string ForClusterId { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The content, by kind (see the exchange steps).</summary>
    public JsonObject Data { get; }

    /// <summary>A one-line description for messages: LiqoTenant from C for P.</summary>
    public string Describe() => ForClusterId.Length == 0
        ? $"{Kind} made by cluster '{FromClusterId}' (liqoctl's format)"
        : $"{Kind} made by cluster '{FromClusterId}' for cluster '{ForClusterId}'";

    /// <summary>The document, indented, with a final newline.</summary>
    public string ToJson()
    {
        var doc = new JsonObject
        {
            ["apiVersion"] = FormatVersion,
            ["kind"] = Kind,
            ["fromClusterId"] = FromClusterId,
            ["forClusterId"] = ForClusterId,
            ["createdAt"] = CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["data"] = Data.DeepClone(),
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Reads a document, the module's own or a Tenant, Identity or Configuration as liqoctl generate prints it;
    /// <paramref name="source"/> (a path, or "the piped object") names it in errors.
    /// </summary>
    public static PeeringMaterial Parse(string text, string source)
    {
        if (LiqoctlMaterial.TryParse(text, source) is { } printedByLiqoctl) return printedByLiqoctl;
        JsonObject? doc;
        try
        {
            doc = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            doc = null;
        }
        if (doc is null)
            throw Invalid(source, $"{source} is not a peering material document (JSON written by a Liqo New-/Export- cmdlet, or the YAML of liqoctl generate tenant|identity|configuration).");
        if (doc["apiVersion"]?.GetValueKind() != JsonValueKind.String || doc["apiVersion"]!.GetValue<string>() != FormatVersion)
            throw Invalid(source, $"{source} is not a peering material document of version {FormatVersion} (apiVersion '{doc["apiVersion"]}').");
        string Field(string name) =>
            doc[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s
                ? s : throw Invalid(source, $"{source} has no '{name}'.");
        var kind = Field("kind");
        if (!KnownKinds.Contains(kind)) throw Invalid(source, $"{source} holds an unknown kind '{kind}' (known: {string.Join(", ", KnownKinds)}).");
        var from = Field("fromClusterId");
        var forId = Field("forClusterId");
        if (!ClusterId.IsValid(from) || !ClusterId.IsValid(forId)) throw Invalid(source, $"{source} names a cluster ID that is not valid.");
        var created = DateTimeOffset.TryParse(doc["createdAt"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;
        var data = doc["data"] as JsonObject ?? throw Invalid(source, $"{source} has no 'data'.");
        return new PeeringMaterial(kind, from, forId, (JsonObject)data.DeepClone(), created);
    }

    /// <summary>
    /// Refuses the material unless it is of <paramref name="expectedKind"/> and made for <paramref name="localClusterId"/>:
    /// importing on the wrong cluster names both clusters and the one it was made for.
    /// </summary>
    public void RequireFor(string localClusterId, string expectedKind, string scope)
    {
        if (Kind != expectedKind)
            throw new LiqoException(ErrorIds.PeeringMaterialKindMismatch, LiqoErrorCategory.InvalidArgument, Kind,
                $"This is a {Kind}, not a {expectedKind}: it cannot be used here.",
                $"Give the {expectedKind} file (see about_Liqo, OUT-OF-BAND PEERING, for which command takes which file).");
        if (ForClusterId.Length > 0 && ForClusterId != localClusterId)
            throw new LiqoException(ErrorIds.PeeringMaterialForAnotherCluster, LiqoErrorCategory.InvalidArgument, ForClusterId,
                $"The {Describe()} cannot be imported on the {scope} cluster '{localClusterId}': it was made for cluster '{ForClusterId}'.",
                $"Import it on the cluster '{ForClusterId}', or make a new one for '{localClusterId}' on cluster '{FromClusterId}'.");
        if (FromClusterId == localClusterId)
            throw new LiqoException(ErrorIds.SameCluster, LiqoErrorCategory.InvalidArgument, FromClusterId,
                $"The {Describe()} was made by this very cluster: local and remote clusters must be different.");
    }

    /// <summary>An object of Data, or an error naming what is missing.</summary>
    public JsonObject Object(string field) =>
        Data[field] as JsonObject ?? throw Invalid(Kind, $"The {Describe()} has no '{field}' object.");

    /// <summary>A string of Data, or an error naming what is missing.</summary>
    public string String(string field) =>
        Data[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s
            ? s : throw Invalid(Kind, $"The {Describe()} has no '{field}'.");

    internal static LiqoException Invalid(object? target, string message) =>
        new(ErrorIds.PeeringMaterialInvalid, LiqoErrorCategory.InvalidData, target, message,
            "Use the file exactly as the other cluster's Liqo cmdlet wrote it.");

    public override string ToString() => Describe();
}
