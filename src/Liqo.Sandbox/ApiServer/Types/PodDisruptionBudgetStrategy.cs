using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Selectors;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>
/// policy/v1 PodDisruptionBudget (ValidatePodDisruptionBudgetSpec): minAvailable and maxUnavailable are int-or-percent,
/// not both, non-negative and at most 100%; a valid selector; unhealthyPodEvictionPolicy IfHealthyBudget or AlwaysAllow.
/// The spec is mutable (policy/v1); status is the disruption controller's (and the eviction subresource's).
/// </summary>
internal sealed partial class PodDisruptionBudgetStrategy : IResourceStrategy
{
    public const string Key = "policy/poddisruptionbudgets";

    [GeneratedRegex("^[0-9]+%$")]
    private static partial Regex Percent();

    /// <summary>A new budget's status is the zero status (its four counters print as 0 until the controller fills them).</summary>
    public void PrepareForCreate(JsonObject obj, StrategyContext ctx) => obj["status"] = ZeroStatus();

    public static JsonObject ZeroStatus() => new() { ["disruptionsAllowed"] = 0, ["currentHealthy"] = 0, ["desiredHealthy"] = 0, ["expectedPods"] = 0 };

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = ServerJson.Obj(obj, "spec");
        var min = spec?["minAvailable"];
        var max = spec?["maxUnavailable"];
        if (min is not null && max is not null)
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec", "policy.PodDisruptionBudgetSpec{...}", "minAvailable and maxUnavailable cannot be both set"));
        if (min is not null) ValidateIntOrPercent(min, "spec.minAvailable", errors);
        if (max is not null) ValidateIntOrPercent(max, "spec.maxUnavailable", errors);
        try
        {
            LabelSelector.FromObject(ServerJson.Obj(spec, "selector"));
        }
        catch (SelectorParseException e)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.selector", null, e.Message));
        }
        if (ServerJson.Str(spec, "unhealthyPodEvictionPolicy") is { } policy && policy is not ("AlwaysAllow" or "IfHealthyBudget"))
            errors.Add(new FieldError(FieldErrorType.NotSupported, "spec.unhealthyPodEvictionPolicy", Strconv.Quote(policy),
                "supported values: \"AlwaysAllow\", \"IfHealthyBudget\""));
    }

    /// <summary>ValidatePositiveIntOrPercent and IsNotMoreThan100Percent; the value prints as Go's %#v of an IntOrString.</summary>
    private static void ValidateIntOrPercent(JsonNode value, string field, List<FieldError> errors)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var s))
        {
            var shown = $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{Strconv.Quote(s)}}}";
            if (!Percent().IsMatch(s))
                errors.Add(new FieldError(FieldErrorType.Invalid, field, shown,
                    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
            else if (long.Parse(s.TrimEnd('%'), CultureInfo.InvariantCulture) > 100)
                errors.Add(new FieldError(FieldErrorType.Invalid, field, shown, "must not be greater than 100%"));
            return;
        }
        if (ServerJson.Long(value) is { } i)
        {
            if (i < 0) errors.Add(new FieldError(FieldErrorType.Invalid, field, i.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
            return;
        }
        errors.Add(new FieldError(FieldErrorType.Invalid, field, FieldError.ValueText(value), "must be an integer or percentage (e.g '5%')"));
    }

    /// <summary>intstr.GetScaledValueFromIntOrPercent: an int as it is, a percent of <paramref name="total"/> rounded up or down.</summary>
    public static int Scaled(JsonNode? value, int total, bool roundUp)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var s))
        {
            var percent = int.Parse(s.TrimEnd('%'), CultureInfo.InvariantCulture);
            var exact = (double)percent * total / 100;
            return roundUp ? (int)Math.Ceiling(exact) : (int)Math.Floor(exact);
        }
        return (int)(ServerJson.Long(value) ?? 0);
    }

    /// <summary>Whether an int-or-percent is a percent (a string).</summary>
    public static bool IsPercent(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out _);
}
