namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>What the Accept header asks for (media type parameters such as as=Table;g=meta.k8s.io;v=v1).</summary>
internal sealed class MediaTypes
{
    public const string Json = "application/json";
    public const string AggregatedDiscovery = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string Accepted = "application/json, application/yaml, application/vnd.kubernetes.protobuf";

    private readonly List<(string Type, Dictionary<string, string> Params)> _entries = [];

    public MediaTypes(string? accept)
    {
        foreach (var raw in (accept ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bits = raw.Split(';', StringSplitOptions.TrimEntries);
            var p = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var b in bits.Skip(1))
            {
                var eq = b.IndexOf('=');
                if (eq > 0) p[b[..eq].Trim()] = b[(eq + 1)..].Trim();
            }
            _entries.Add((bits[0].ToLowerInvariant(), p));
        }
    }

    private static bool IsJsonLike(string t) => t is "application/json" or "*/*" or "application/*";

    /// <summary>The first acceptable entry's "as" parameter ("" for plain JSON); null when nothing is acceptable.</summary>
    public string? Choose(params string[] supportedAs)
    {
        if (_entries.Count == 0) return "";
        foreach (var (type, p) in _entries)
        {
            if (!IsJsonLike(type)) continue;
            if (!p.TryGetValue("as", out var asValue)) return "";
            var g = p.GetValueOrDefault("g", "");
            var v = p.GetValueOrDefault("v", "");
            foreach (var s in supportedAs)
                if (s == asValue && MatchesGroupVersion(s, g, v)) return s;
        }
        return null;
    }

    private static bool MatchesGroupVersion(string asValue, string g, string v) => asValue switch
    {
        "Table" or "PartialObjectMetadata" or "PartialObjectMetadataList" => g == "meta.k8s.io" && v is "v1" or "v1beta1",
        "APIGroupDiscoveryList" => g == "apidiscovery.k8s.io" && v == "v2",
        _ => false,
    };
}
