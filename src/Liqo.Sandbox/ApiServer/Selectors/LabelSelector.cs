namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>
/// A parsed label selector (=, ==, !=, in, notin, exists, !exists, and the server's gt/lt forms <c>k&gt;1</c>, <c>k&lt;1</c>),
/// requirements ANDed. Parsing follows apimachinery's labels.Parse token by token, so malformed selectors are refused
/// with the API server's own message (for example
/// <c>unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt</c>).
/// As in Kubernetes, <c>!=</c> and <c>notin</c> select objects that do not carry the label at all.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => _requirements = requirements;

    /// <summary>Parses the query form; null or empty selects everything. Throws <see cref="SelectorParseException"/> with the API server's message.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return new LabelSelector([]);
        var requirements = LabelSelectorParser.Parse(text);
        // Kubernetes sorts the requirements by key (for a deterministic String()); matching is order-independent.
        return new LabelSelector(requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
    }

    private static string Text(System.Text.Json.Nodes.JsonNode? v) =>
        v is System.Text.Json.Nodes.JsonValue jv && jv.TryGetValue<string>(out var s) ? s : "";

    /// <summary>
    /// metav1.LabelSelectorAsSelector: a LabelSelector object (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist)
    /// as a selector; null for a missing selector (labels.Nothing: it selects nothing), an empty one selects everything.
    /// Throws <see cref="SelectorParseException"/> for an invalid one.
    /// </summary>
    public static LabelSelector? FromObject(System.Text.Json.Nodes.JsonObject? selector)
    {
        if (selector is null) return null;
        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in ServerJson.Obj(selector, "matchLabels") ?? [])
            requirements.Add(LabelRequirement.Create(key, LabelOperator.Equals, [Text(value)]));
        foreach (var e in (ServerJson.Arr(selector, "matchExpressions") ?? []).OfType<System.Text.Json.Nodes.JsonObject>())
        {
            var op = ServerJson.Str(e, "operator") switch
            {
                "In" => LabelOperator.In,
                "NotIn" => LabelOperator.NotIn,
                "Exists" => LabelOperator.Exists,
                "DoesNotExist" => LabelOperator.DoesNotExist,
                var other => throw new SelectorParseException($"{Go.Strconv.Quote(other ?? "")} is not a valid label selector operator"),
            };
            var values = (ServerJson.Arr(e, "values") ?? []).Select(Text);
            requirements.Add(LabelRequirement.Create(ServerJson.Str(e, "key") ?? "", op, values));
        }
        return new LabelSelector(requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>True when the selector selects everything.</summary>
    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>Whether an object with these labels (null = none) is selected.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
                return false;
        }
        return true;
    }

    /// <summary>The requirements, sorted by key.</summary>
    internal IReadOnlyList<LabelRequirement> Requirements => _requirements;

    /// <summary>The canonical form Kubernetes prints for the selector (requirements sorted by key, comma-joined).</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));
}

/// <summary>A selector the API server would refuse with 400 BadRequest; the message is the server's.</summary>
public sealed class SelectorParseException(string message) : Exception(message);
