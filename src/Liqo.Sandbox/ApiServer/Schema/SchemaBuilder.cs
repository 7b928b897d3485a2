using System.Collections.Frozen;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Schema.Cel;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// Parses an openAPIV3Schema into <see cref="StructuralSchemaNode"/>s and checks the structural-schema rules the API server
/// enforces on CRDs (every field typed, items for arrays, no $ref, properties and additionalProperties exclusive,
/// valid list/map extensions, compilable CEL rules).
/// </summary>
internal sealed class SchemaBuilder
{
    private static readonly FrozenSet<string> Types = new[] { "array", "boolean", "integer", "number", "object", "string" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> Reasons = new[] { "FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly Dictionary<string, (Regex? Regex, string? Error)> regexCache = new(StringComparer.Ordinal);
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public StructuralSchemaNode BuildRoot(JsonObject schema)
    {
        const string path = "openAPIV3Schema";
        var root = Build(schema, path, SpineRole.Root);
        if (root.Type.Length > 0 && root.Type != "object")
            errors.Add(new FieldError(FieldErrorType.Invalid, path + ".type", Strconv.Quote(root.Type), "must be object at the root"));
        return root;
    }

    private enum SpineRole
    {
        Root,
        Property,
        Items,
        AdditionalProperties,
        ValueValidation,
    }

    private StructuralSchemaNode Build(JsonObject s, string path, SpineRole role)
    {
        var node = new StructuralSchemaNode();
        var structural = role != SpineRole.ValueValidation;

        foreach (var (key, value) in s)
        {
            switch (key)
            {
                case "type":
                    node.Type = AsString(value, path, key) ?? "";
                    break;
                case "format":
                    node.Format = AsString(value, path, key) ?? "";
                    break;
                case "nullable":
                    node.Nullable = AsBool(value, path, key);
                    break;
                case "x-kubernetes-int-or-string":
                    node.IntOrString = AsBool(value, path, key);
                    break;
                case "x-kubernetes-preserve-unknown-fields":
                    node.PreserveUnknownFields = AsBool(value, path, key);
                    if (!node.PreserveUnknownFields && structural)
                        errors.Add(new FieldError(FieldErrorType.Invalid, path + "." + key, "false", "must be true or undefined"));
                    break;
                case "x-kubernetes-embedded-resource":
                    node.EmbeddedResource = AsBool(value, path, key);
                    break;
                case "properties":
                    if (value is JsonObject props)
                    {
                        node.PropertyList = [];
                        foreach (var (name, propSchema) in props)
                        {
                            var childPath = $"{path}.properties[{name}]";
                            if (propSchema is JsonObject ps)
                                node.PropertyList.Add(new(name, Build(ps, childPath, structural ? SpineRole.Property : SpineRole.ValueValidation)));
                            else
                                errors.Add(new FieldError(FieldErrorType.Invalid, childPath, FieldError.ValueText(propSchema), "must be an object"));
                        }
                    }
                    break;
                case "additionalProperties":
                    if (value is JsonObject ap)
                    {
                        node.AdditionalProperties = Build(ap, path + ".additionalProperties", structural ? SpineRole.AdditionalProperties : SpineRole.ValueValidation);
                    }
                    else if (UnstructuredJson.KindOf(value) == JsonKind.Boolean)
                    {
                        if (UnstructuredJson.GetBool(value!)) node.AdditionalPropertiesAny = true;
                        else node.AdditionalPropertiesFalse = true;
                    }
                    break;
                case "items":
                    if (value is JsonObject items)
                        node.Items = Build(items, path + ".items", structural ? SpineRole.Items : SpineRole.ValueValidation);
                    else if (value is JsonArray)
                        errors.Add(new FieldError(FieldErrorType.Forbidden, path + ".items", null, "items must be a schema object and not an array"));
                    break;
                case "required":
                    if (value is JsonArray req)
                        node.Required = req.Select(r => r?.GetValue<string>() ?? "").ToList();
                    break;
                case "default":
                    node.HasDefault = true;
                    node.Default = value?.DeepClone();
                    break;
                case "enum":
                    if (value is JsonArray en) node.Enum = (JsonArray)en.DeepClone();
                    break;
                case "pattern":
                    node.Pattern = AsString(value, path, key);
                    if (node.Pattern is not null)
                    {
                        if (!regexCache.TryGetValue(node.Pattern, out var compiled))
                        {
                            var rx = GoRegex.TryCompile(node.Pattern, out var err);
                            compiled = (rx, err);
                            regexCache[node.Pattern] = compiled;
                        }
                        node.PatternRegex = compiled.Regex;
                        node.PatternError = compiled.Error;
                        if (compiled.Regex is null)
                            errors.Add(new FieldError(FieldErrorType.Invalid, path + ".pattern", Strconv.Quote(node.Pattern), "must be a valid regular expression, but isn't: " + compiled.Error));
                    }
                    break;
                case "minimum": node.Minimum = AsDouble(value); break;
                case "maximum": node.Maximum = AsDouble(value); break;
                case "exclusiveMinimum": node.ExclusiveMinimum = AsBool(value, path, key); break;
                case "exclusiveMaximum": node.ExclusiveMaximum = AsBool(value, path, key); break;
                case "multipleOf": node.MultipleOf = AsDouble(value); break;
                case "minLength": node.MinLength = AsLong(value); break;
                case "maxLength": node.MaxLength = AsLong(value); break;
                case "minItems": node.MinItems = AsLong(value); break;
                case "maxItems": node.MaxItems = AsLong(value); break;
                case "minProperties": node.MinProperties = AsLong(value); break;
                case "maxProperties": node.MaxProperties = AsLong(value); break;
                case "uniqueItems":
                    node.UniqueItems = AsBool(value, path, key);
                    if (node.UniqueItems)
                        errors.Add(new FieldError(FieldErrorType.Forbidden, path + ".uniqueItems", null, "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
                    break;
                case "x-kubernetes-list-type":
                    node.ListType = AsString(value, path, key);
                    break;
                case "x-kubernetes-list-map-keys":
                    if (value is JsonArray keys) node.ListMapKeys = keys.Select(k => k?.GetValue<string>() ?? "").ToList();
                    break;
                case "x-kubernetes-map-type":
                    node.MapType = AsString(value, path, key);
                    break;
                case "allOf":
                    node.AllOf = BuildList(value, path + ".allOf");
                    break;
                case "anyOf":
                    node.AnyOf = BuildList(value, path + ".anyOf");
                    break;
                case "oneOf":
                    node.OneOf = BuildList(value, path + ".oneOf");
                    break;
                case "not":
                    if (value is JsonObject not) node.Not = Build(not, path + ".not", SpineRole.ValueValidation);
                    break;
                case "x-kubernetes-validations":
                    if (value is JsonArray rules) node.Rules = BuildRules(rules, path);
                    break;
                case "$ref":
                    errors.Add(new FieldError(FieldErrorType.Forbidden, path + ".$ref", null, "$ref is not supported"));
                    break;
                case "definitions":
                case "dependencies":
                case "additionalItems":
                case "patternProperties":
                    errors.Add(new FieldError(FieldErrorType.Forbidden, path + "." + key, null, key + " is not supported"));
                    break;
            }
        }

        if (node.PropertyList is not null)
        {
            node.Properties = new Dictionary<string, StructuralSchemaNode>(StringComparer.Ordinal);
            foreach (var (name, prop) in node.PropertyList) node.Properties[name] = prop;
        }
        if (structural) CheckStructural(node, path, role);
        node.Format = KeptFormat(node);
        if (node.AllOf is not null)
        {
            foreach (var a in node.AllOf.Where(a => a.Rules is not null))
                (node.Rules ??= []).AddRange(a.Rules!);
        }
        node.HasRulesBelow = node.Rules is { Count: > 0 } || SchemaWalker.Children(node).Any(c => c.HasRulesBelow);
        return node;
    }

    /// <summary>The API server drops formats it does not support before validating, per type.</summary>
    private static string KeptFormat(StructuralSchemaNode node)
    {
        if (node.Format.Length == 0) return "";
        var type = node.IntOrString ? "" : node.Type;
        return type switch
        {
            "" or "string" => StringFormats.IsSupported(node.Format) ? node.Format : "",
            "integer" => node.Format is "int32" or "int64" ? node.Format : "",
            "number" => node.Format is "float" or "double" ? node.Format : "",
            _ => "",
        };
    }

    private void CheckStructural(StructuralSchemaNode node, string path, SpineRole role)
    {
        if (node.Type.Length == 0 && !node.IntOrString && !node.PreserveUnknownFields)
        {
            var detail = role switch
            {
                SpineRole.Root => "must not be empty at the root",
                SpineRole.Items => "must not be empty for specified array items",
                _ => "must not be empty for specified object fields",
            };
            errors.Add(new FieldError(FieldErrorType.Required, path + ".type", null, detail));
        }
        if (node.Type.Length > 0 && !Types.Contains(node.Type))
            errors.Add(new FieldError(FieldErrorType.NotSupported, path + ".type", Strconv.Quote(node.Type), "supported values: " + string.Join(", ", Types.Order(StringComparer.Ordinal).Select(Strconv.Quote))));
        if (node.IntOrString && node.Type.Length > 0)
            errors.Add(new FieldError(FieldErrorType.Invalid, path + ".type", Strconv.Quote(node.Type), "must be empty if x-kubernetes-int-or-string is true"));
        if (node.PropertyList is not null && (node.AdditionalProperties is not null || node.AdditionalPropertiesAny))
            errors.Add(new FieldError(FieldErrorType.Forbidden, path + ".additionalProperties", null, "additionalProperties and properties are mutual exclusive"));
        if (node.AdditionalPropertiesFalse)
            errors.Add(new FieldError(FieldErrorType.Forbidden, path + ".additionalProperties", null, "must not be false"));
        if (node.Type == "array" && node.Items is null)
            errors.Add(new FieldError(FieldErrorType.Required, path + ".items", null, "must be specified"));
        if (node.EmbeddedResource)
        {
            if (node.Type != "object")
                errors.Add(new FieldError(FieldErrorType.Invalid, path + ".type", Strconv.Quote(node.Type), "must be object if x-kubernetes-embedded-resource is true"));
            if (node.PropertyList is null && !node.PreserveUnknownFields)
                errors.Add(new FieldError(FieldErrorType.Required, path + ".properties", null, "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
        }
        if (node.ListType is not null)
        {
            if (node.ListType is not ("atomic" or "set" or "map"))
                errors.Add(new FieldError(FieldErrorType.NotSupported, path + ".x-kubernetes-list-type", Strconv.Quote(node.ListType), "supported values: \"atomic\", \"map\", \"set\""));
            else if (node.Type != "array")
                errors.Add(new FieldError(FieldErrorType.Invalid, path + ".type", Strconv.Quote(node.Type), "must be array if x-kubernetes-list-type is specified"));
        }
        if (node.ListType == "map")
        {
            if (node.ListMapKeys is null || node.ListMapKeys.Count == 0)
            {
                errors.Add(new FieldError(FieldErrorType.Required, path + ".x-kubernetes-list-map-keys", null, "must not be empty if x-kubernetes-list-type is map"));
            }
            else if (node.Items is not null)
            {
                if (node.Items.Type != "object")
                    errors.Add(new FieldError(FieldErrorType.Invalid, path + ".items.type", Strconv.Quote(node.Items.Type), "must be object if parent array's x-kubernetes-list-type is map"));
                foreach (var k in node.ListMapKeys)
                {
                    if (node.Items.Properties is null || !node.Items.Properties.ContainsKey(k))
                        errors.Add(new FieldError(FieldErrorType.Invalid, path + ".x-kubernetes-list-map-keys", Strconv.Quote(k), "entries must all be names of item properties"));
                }
            }
        }
        else if (node.ListMapKeys is { Count: > 0 })
        {
            errors.Add(new FieldError(FieldErrorType.Required, path + ".x-kubernetes-list-type", null, "must be map if x-kubernetes-list-map-keys is non-empty"));
        }
        if (node.MapType is not null and not ("granular" or "atomic"))
            errors.Add(new FieldError(FieldErrorType.NotSupported, path + ".x-kubernetes-map-type", Strconv.Quote(node.MapType), "supported values: \"atomic\", \"granular\""));
        if (node.Rules is not null)
        {
            for (var i = 0; i < node.Rules.Count; i++)
            {
                var r = node.Rules[i];
                if (r.FieldPath.Length == 0) continue;
                var normalized = NormalizeFieldPath(r.FieldPath, node, out var fpError);
                if (normalized is null)
                {
                    errors.Add(new FieldError(FieldErrorType.Invalid, $"{path}.x-kubernetes-validations[{i}].fieldPath", Strconv.Quote(r.FieldPath), "fieldPath must be a valid path: " + fpError));
                    continue;
                }
                node.Rules[i] = new ValidationRule
                {
                    Rule = r.Rule,
                    Message = r.Message,
                    MessageExpression = r.MessageExpression,
                    Reason = r.Reason,
                    FieldPath = r.FieldPath,
                    NormalizedFieldPath = normalized,
                    OptionalOldSelf = r.OptionalOldSelf,
                    Program = r.Program,
                    MessageProgram = r.MessageProgram,
                    CompileError = r.CompileError,
                    UsesOldSelf = r.UsesOldSelf,
                };
            }
        }
    }

    private List<StructuralSchemaNode> BuildList(JsonNode? value, string path)
    {
        var list = new List<StructuralSchemaNode>();
        if (value is not JsonArray arr) return list;
        for (var i = 0; i < arr.Count; i++)
        {
            if (arr[i] is JsonObject o) list.Add(Build(o, $"{path}[{i}]", SpineRole.ValueValidation));
        }
        return list;
    }

    private List<ValidationRule> BuildRules(JsonArray rules, string path)
    {
        var list = new List<ValidationRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rulePath = $"{path}.x-kubernetes-validations[{i}]";
            if (rules[i] is not JsonObject r) continue;
            var source = r["rule"] is JsonValue rv && rv.TryGetValue<string>(out var rs) ? rs : "";
            var message = r["message"] is JsonValue mv && mv.TryGetValue<string>(out var ms) ? ms : "";
            var messageExpression = r["messageExpression"] is JsonValue mev && mev.TryGetValue<string>(out var mes) ? mes : "";
            var reason = r["reason"] is JsonValue rsv && rsv.TryGetValue<string>(out var rss) ? rss : null;
            var fieldPath = r["fieldPath"] is JsonValue fv && fv.TryGetValue<string>(out var fs) ? fs : "";
            var optionalOldSelf = r["optionalOldSelf"] is JsonValue ov && ov.TryGetValue<bool>(out var ob) && ob;
            if (source.Trim().Length == 0)
            {
                errors.Add(new FieldError(FieldErrorType.Required, rulePath + ".rule", null, ""));
                continue;
            }
            if (reason is not null && !Reasons.Contains(reason))
                errors.Add(new FieldError(FieldErrorType.NotSupported, rulePath + ".reason", Strconv.Quote(reason), "supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\""));
            if (message.Length > 0 && message.Trim().Length == 0)
                errors.Add(new FieldError(FieldErrorType.Invalid, rulePath + ".message", Strconv.Quote(message), "message must be non-empty if specified"));
            if (message.Contains('\n'))
                errors.Add(new FieldError(FieldErrorType.Invalid, rulePath + ".message", Strconv.Quote(message), "message must not contain line breaks"));

            CelExpr? program = null;
            string? compileError = null;
            var usesOldSelf = false;
            try
            {
                program = CelCompiler.Compile(source, out usesOldSelf);
            }
            catch (CelCompileException e) when (e.Unsupported)
            {
                compileError = e.Message;
                usesOldSelf = source.Contains("oldSelf", StringComparison.Ordinal);
            }
            catch (CelCompileException e)
            {
                errors.Add(new FieldError(FieldErrorType.Invalid, rulePath + ".rule", Strconv.Quote(source), "compilation failed: " + e.Message));
                continue;
            }
            if (optionalOldSelf && !usesOldSelf)
                errors.Add(new FieldError(FieldErrorType.Invalid, rulePath + ".optionalOldSelf", "true", "may not be set if oldSelf is not used in rule"));

            CelExpr? messageProgram = null;
            if (messageExpression.Length > 0)
            {
                try
                {
                    messageProgram = CelCompiler.Compile(messageExpression, out _);
                }
                catch (CelCompileException e) when (e.Unsupported)
                {
                    messageProgram = null;
                }
                catch (CelCompileException e)
                {
                    errors.Add(new FieldError(FieldErrorType.Invalid, rulePath + ".messageExpression", Strconv.Quote(messageExpression), "messageExpression compilation failed: " + e.Message));
                }
            }
            list.Add(new ValidationRule
            {
                Rule = source,
                Message = message,
                MessageExpression = messageExpression,
                Reason = reason,
                FieldPath = fieldPath,
                OptionalOldSelf = optionalOldSelf,
                Program = program,
                MessageProgram = messageProgram,
                CompileError = compileError,
                UsesOldSelf = usesOldSelf,
            });
        }
        return list;
    }

    /// <summary>
    /// Resolves a rule's fieldPath (<c>.spec.foo</c>, <c>.labels['a.b']</c>) against the schema and renders it as
    /// an error path suffix, or returns null with the reason.
    /// </summary>
    internal static string? NormalizeFieldPath(string fieldPath, StructuralSchemaNode schema, out string? error)
    {
        var result = "";
        var current = schema;
        var i = 0;
        error = null;
        while (i < fieldPath.Length)
        {
            string name;
            if (fieldPath[i] == '.')
            {
                i++;
                var start = i;
                while (i < fieldPath.Length && fieldPath[i] is not ('.' or '[' or ']')) i++;
                name = fieldPath[start..i];
                if (name.Length == 0)
                {
                    error = "unexpected end of JSON path";
                    return null;
                }
            }
            else if (fieldPath[i] == '[')
            {
                i++;
                if (i >= fieldPath.Length || fieldPath[i] != '\'')
                {
                    error = "expected single quoted string";
                    return null;
                }
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < fieldPath.Length && fieldPath[i] != '\'')
                {
                    if (fieldPath[i] == '\\' && i + 1 < fieldPath.Length)
                    {
                        i++;
                        sb.Append(fieldPath[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var c => c });
                    }
                    else
                    {
                        sb.Append(fieldPath[i]);
                    }
                    i++;
                }
                if (i >= fieldPath.Length || i + 1 >= fieldPath.Length || fieldPath[i + 1] != ']')
                {
                    error = "unexpected end of JSON path";
                    return null;
                }
                i += 2;
                name = sb.ToString();
            }
            else
            {
                error = "expected [ or . but got: " + fieldPath[i..];
                return null;
            }
            var member = SchemaWalker.Member(current, name);
            // An object with properties takes no other field, even where it also (wrongly) has additionalProperties.
            if (member.Schema is not { } next || (current.Properties is not null && !member.Declared))
            {
                error = "does not refer to a valid field";
                return null;
            }
            result = member.Path(result.Length == 0 ? null : result);
            current = next;
        }
        return result;
    }

    private string? AsString(JsonNode? value, string path, string key)
    {
        if (UnstructuredJson.KindOf(value) == JsonKind.String) return UnstructuredJson.GetString(value!);
        if (value is not null)
            errors.Add(new FieldError(FieldErrorType.Invalid, path + "." + key, FieldError.ValueText(value), "must be a string"));
        return null;
    }

    private bool AsBool(JsonNode? value, string path, string key)
    {
        if (UnstructuredJson.KindOf(value) == JsonKind.Boolean) return UnstructuredJson.GetBool(value!);
        if (value is not null)
            errors.Add(new FieldError(FieldErrorType.Invalid, path + "." + key, FieldError.ValueText(value), "must be a boolean"));
        return false;
    }

    private static double? AsDouble(JsonNode? value) =>
        UnstructuredJson.KindOf(value) is JsonKind.Integer or JsonKind.Number ? UnstructuredJson.GetDouble(value!)
            : null;

    private static long? AsLong(JsonNode? value) =>
        UnstructuredJson.KindOf(value) is JsonKind.Integer or JsonKind.Number
            ? (long)UnstructuredJson.GetDouble(value!) : null;
}
