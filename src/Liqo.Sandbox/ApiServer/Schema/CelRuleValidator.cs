using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Schema.Cel;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// Evaluates x-kubernetes-validations over an object. Transition rules (those using oldSelf) run only where an old
/// value correlates with the new one: through object fields, granular maps and list-type=map lists (by key).
/// Failures are reported as the API server does: the error's value is the schema type, the detail the rule's
/// message (or messageExpression, or <c>failed rule: &lt;rule&gt;</c>).
/// </summary>
internal static class CelRuleValidator
{
    private const int MaxMessageExpressionLength = 5 * 1024;

    public static void ValidateResource(JsonObject obj, JsonObject? oldObj, StructuralSchemaNode root,
        List<FieldError> errors) =>
        Validate(obj, oldObj, root, null, errors);

    private static void Validate(JsonNode? data, JsonNode? old, StructuralSchemaNode s, string? path,
        List<FieldError> errors)
    {
        if (UnstructuredJson.IsNull(data) || !s.HasRulesBelow) return;
        if (UnstructuredJson.IsNull(old)) old = null;
        if (s.Rules is { Count: > 0 } rules) Evaluate(data!, old, s, rules, path, errors);
        switch (data)
        {
            case JsonObject obj:
            {
                var correlatable = s.MapType != "atomic";
                var oldObj = correlatable ? old as JsonObject : null;
                if (s.PropertyList is { } props)
                {
                    foreach (var (name, prop) in props)
                    {
                        if (!prop.HasRulesBelow || !obj.TryGetPropertyValue(name, out var v)) continue;
                        Validate(v, oldObj?[name], prop, ValidationFieldPath.Child(path, name), errors);
                    }
                }
                else if (s.AdditionalProperties is { HasRulesBelow: true })
                {
                    foreach (var member in SchemaWalker.Members(obj, s))
                    {
                        if (member.Schema is { } ap)
                            Validate(obj[member.Key], oldObj?[member.Key], ap, member.Path(path), errors);
                    }
                }
                break;
            }
            case JsonArray arr when s.Items is { HasRulesBelow: true } items:
            {
                var oldArr = s.ListType == "map" ? old as JsonArray : null;
                for (var i = 0; i < arr.Count; i++)
                {
                    var oldItem = oldArr is null ? null : FindByKeys(oldArr, arr[i], s.ListMapKeys ?? []);
                    Validate(arr[i], oldItem, items, ValidationFieldPath.Index(path, i), errors);
                }
                break;
            }
        }
    }

    private static JsonNode? FindByKeys(JsonArray oldArr, JsonNode? item, IReadOnlyList<string> keys)
    {
        if (item is not JsonObject newItem) return null;
        foreach (var candidate in oldArr)
        {
            if (candidate is not JsonObject o) continue;
            var same = true;
            foreach (var k in keys)
            {
                var inNew = newItem.TryGetPropertyValue(k, out var nv);
                var inOld = o.TryGetPropertyValue(k, out var ov);
                if (inNew != inOld || (inNew && !UnstructuredJson.DeepEquals(nv, ov)))
                {
                    same = false;
                    break;
                }
            }
            if (same) return o;
        }
        return null;
    }

    private static void Evaluate(JsonNode data, JsonNode? old, StructuralSchemaNode s, List<ValidationRule> rules,
        string? path, List<FieldError> errors)
    {
        var type = Strconv.Quote(s.Type);
        object? self = null;
        object? oldSelf = null;
        foreach (var rule in rules)
        {
            if (rule.UsesOldSelf && old is null && !rule.OptionalOldSelf) continue;
            if (rule.Program is null)
            {
                errors.Add(new FieldError(FieldErrorType.Invalid, ValidationFieldPath.Render(path), type,
                    "rule compile error: " + rule.CompileError));
                continue;
            }
            self ??= CelConvert.FromJson(data, s);
            var scope = new CelScope("self", self, null);
            if (rule.UsesOldSelf)
            {
                if (old is not null) oldSelf ??= CelConvert.FromJson(old, s);
                object boundOld = rule.OptionalOldSelf
                    ? (old is null ? CelOptional.None : new CelOptional(oldSelf!))
                    : oldSelf!;
                scope = scope.Bind("oldSelf", boundOld);
            }
            var result = CelEvaluator.Evaluate(rule.Program, scope);
            if (result is CelError err)
            {
                var detail = err.Message.StartsWith("no such overload", StringComparison.Ordinal)
                    ? $"'{err.Message}': call arguments did not match a supported operator, function or macro signature for rule: {RuleErrorString(rule)}"
                    : $"{err.Message} evaluating rule: {RuleErrorString(rule)}";
                errors.Add(new FieldError(FieldErrorType.Invalid, ValidationFieldPath.Render(path), type, detail));
                continue;
            }
            if (result is true) continue;
            if (result is not bool)
            {
                errors.Add(new FieldError(FieldErrorType.Invalid, ValidationFieldPath.Render(path), type,
                    $"rule did not evaluate to a bool (got {CelOps.TypeName(result)}) evaluating rule: {RuleErrorString(rule)}"));
                continue;
            }
            var errorPath = rule.NormalizedFieldPath.Length > 0
                ? ValidationFieldPath.Child(path, rule.NormalizedFieldPath) : path;
            var message = MessageFromExpression(rule, scope) ?? RuleMessageOrDefault(rule);
            errors.Add(ForReason(ValidationFieldPath.Render(errorPath), type, message, rule.Reason));
        }
    }

    private static string? MessageFromExpression(ValidationRule rule, CelScope scope)
    {
        if (rule.MessageProgram is null) return null;
        var value = CelEvaluator.Evaluate(rule.MessageProgram, scope);
        if (value is not string s) return null;
        s = s.Trim();
        if (s.Length == 0 || s.Length > MaxMessageExpressionLength || s.Contains('\n')) return null;
        return s;
    }

    private static FieldError ForReason(string path, string type, string detail, string? reason) => reason switch
    {
        "FieldValueForbidden" => new FieldError(FieldErrorType.Forbidden, path, null, detail),
        "FieldValueRequired" => new FieldError(FieldErrorType.Required, path, null, detail),
        "FieldValueDuplicate" => new FieldError(FieldErrorType.Duplicate, path, type, ""),
        _ => new FieldError(FieldErrorType.Invalid, path, type, detail),
    };

    private static string RuleMessageOrDefault(ValidationRule rule) =>
        rule.Message.Length == 0 ? "failed rule: " + RuleErrorString(rule) : rule.Message.Trim();

    private static string RuleErrorString(ValidationRule rule) =>
        rule.Message.Length > 0 ? rule.Message.Trim() : rule.Rule.Trim();
}
