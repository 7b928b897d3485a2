using System.Globalization;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// Validates data against a schema the way the API server's kube-openapi validator does for custom resources, and
/// renders its findings as the server converts them to field errors: type, nullable, anyOf/allOf/oneOf/not,
/// maxLength/minLength/pattern, format, multipleOf/minimum/maximum, items/minItems/maxItems, enum,
/// min/maxProperties, additionalProperties, properties and required — in that order at each node.
/// </summary>
internal static class OpenApiValidator
{
    private const string In = "body";

    /// <summary>
    /// Validates a whole custom resource; the root's metadata is left to ObjectMeta validation, except for the
    /// restrictions the schema puts on metadata.name and metadata.generateName. Like kube-openapi's result,
    /// identical findings are reported once.
    /// </summary>
    public static void ValidateResource(JsonObject obj, StructuralSchemaNode root, List<FieldError> errors)
    {
        var found = new List<FieldError>();
        TypeCheck(obj, JsonKind.Object, root, "", found);
        SchemaProps(obj, root, "", found);
        EnumCheck(obj, root, "", found);
        ObjectChecks(obj, root, "", found, skipMetadata: true);
        errors.AddRange(found.Distinct());
    }

    public static void Validate(JsonNode? data, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        var kind = UnstructuredJson.KindOf(data);
        if (kind == JsonKind.Null)
        {
            var types = s.OpenApiTypes;
            if (types.Count > 0 && !s.Nullable)
                AddInvalidType(errors, path, string.Join(",", types), "null");
            EnumCheck(data, s, path, errors);
            return;
        }
        TypeCheck(data!, kind, s, path, errors);
        SchemaProps(data, s, path, errors);
        switch (kind)
        {
            case JsonKind.String:
                StringChecks(UnstructuredJson.GetString(data!), s, path, errors);
                FormatCheck(UnstructuredJson.GetString(data!), s, path, errors);
                break;
            case JsonKind.Integer:
            case JsonKind.Number:
                NumberChecks(data!, kind, s, path, errors);
                break;
            case JsonKind.Array:
                SliceChecks((JsonArray)data!, s, path, errors);
                break;
        }
        EnumCheck(data, s, path, errors);
        if (kind == JsonKind.Object) ObjectChecks((JsonObject)data!, s, path, errors, skipMetadata: false);
    }

    private static void TypeCheck(JsonNode data, JsonKind kind, StructuralSchemaNode s, string path,
        List<FieldError> errors)
    {
        var types = s.OpenApiTypes;
        var format = s.Format;
        if (types.Count == 0 && format.Length == 0) return;
        var schType = UnstructuredJson.TypeName(kind);
        var dataFormat = kind switch
        {
            JsonKind.Integer => "int64",
            JsonKind.Number => "float64",
            _ => "",
        };
        var isFloatInt = kind == JsonKind.Number && UnstructuredJson.IsIntegral(UnstructuredJson.GetDouble(data))
            && types.Contains("integer");
        var isIntFloat = kind == JsonKind.Integer && types.Contains("number");
        var matches = types.Contains(schType) || isFloatInt || isIntFloat;

        if (kind != JsonKind.String && kind != JsonKind.Array && format.Length > 0 && !(matches || dataFormat == format))
        {
            AddInvalidType(errors, path, format, dataFormat);
            return;
        }
        if (!(types.Contains("number") || types.Contains("integer")) && format.Length > 0 && kind is JsonKind.String or JsonKind.Array)
        {
            // kube-openapi lets an array through here when the schema is a formatted string; the sandbox is stricter.
            if (kind == JsonKind.Array && !types.Contains("array"))
                AddInvalidType(errors, path, string.Join(",", types), schType);
            return;
        }
        if (!matches)
            AddInvalidType(errors, path, string.Join(",", types), schType);
    }

    private static void AddInvalidType(List<FieldError> errors, string path, string typeName, string value) =>
        errors.Add(new FieldError(
            FieldErrorType.TypeInvalid,
            ValidationFieldPath.FromOpenApiName(path),
            Strconv.Quote(value),
            $"{path} in {In} must be of type {typeName}: {Strconv.Quote(value)}"));

    private static void AddInvalid(List<FieldError> errors, string path, string badValue, string message) =>
        errors.Add(new FieldError(FieldErrorType.Invalid, ValidationFieldPath.FromOpenApiName(path), badValue,
            message));

    private static void AddComposite(List<FieldError> errors, string message) =>
        errors.Add(new FieldError(FieldErrorType.Invalid, "<nil>", Strconv.Quote(""), message));

    private static void SchemaProps(JsonNode? data, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        if (s.AnyOf is { Count: > 0 } anyOf)
        {
            List<FieldError>? best = null;
            var succeeded = false;
            foreach (var alt in anyOf)
            {
                var tmp = new List<FieldError>();
                Validate(data, alt, path, tmp);
                if (tmp.Count == 0)
                {
                    succeeded = true;
                    best = null;
                    break;
                }
                if (best is null || tmp.Count < best.Count) best = tmp;
            }
            if (!succeeded) AddComposite(errors, $"{Strconv.Quote(path)} must validate at least one schema (anyOf)");
            if (best is not null) errors.AddRange(best);
        }
        if (s.OneOf is { Count: > 0 } oneOf)
        {
            List<FieldError>? best = null;
            var validated = 0;
            foreach (var alt in oneOf)
            {
                var tmp = new List<FieldError>();
                Validate(data, alt, path, tmp);
                if (tmp.Count == 0)
                {
                    validated++;
                    best = null;
                    continue;
                }
                if (validated == 0 && (best is null || tmp.Count < best.Count)) best = tmp;
            }
            if (validated != 1)
            {
                var additional = validated == 0 ? "Found none valid" : $"Found {validated} valid alternatives";
                AddComposite(errors, $"{Strconv.Quote(path)} must validate one and only one schema (oneOf). {additional}");
                if (best is not null) errors.AddRange(best);
            }
        }
        if (s.AllOf is { Count: > 0 } allOf)
        {
            var validated = 0;
            foreach (var alt in allOf)
            {
                var tmp = new List<FieldError>();
                Validate(data, alt, path, tmp);
                if (tmp.Count == 0) validated++;
                errors.AddRange(tmp);
            }
            if (validated != allOf.Count)
                AddComposite(errors, $"{Strconv.Quote(path)} must validate all the schemas (allOf){(validated == 0 ? ". None validated" : "")}");
        }
        if (s.Not is { } not)
        {
            var tmp = new List<FieldError>();
            Validate(data, not, path, tmp);
            if (tmp.Count == 0) AddComposite(errors, $"{Strconv.Quote(path)} must not validate the schema (not)");
        }
    }

    private static void StringChecks(string value, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        var length = 0L;
        foreach (var _ in value.EnumerateRunes()) length++;
        if (s.MaxLength is { } max && length > max)
        {
            errors.Add(new FieldError(FieldErrorType.TooLong, ValidationFieldPath.FromOpenApiName(path), null,
                $"may not be more than {max.ToString(CultureInfo.InvariantCulture)} {(max == 1 ? "byte" : "bytes")}"));
            return;
        }
        if (s.MinLength is { } min && length < min)
        {
            AddInvalid(errors, path, Strconv.Quote(value), $"{path} in {In} should be at least {min.ToString(CultureInfo.InvariantCulture)} chars long");
            return;
        }
        if (s.Pattern is { } pattern)
        {
            if (s.PatternRegex is null)
            {
                AddInvalid(errors, path, Strconv.Quote(value), $"{path} in {In} should match '{pattern}, but pattern is invalid: {s.PatternError}'");
            }
            else if (!s.PatternRegex.IsMatch(value))
            {
                AddInvalid(errors, path, Strconv.Quote(value), $"{path} in {In} should match '{pattern}'");
            }
        }
    }

    private static void FormatCheck(string value, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        if (s.Format.Length == 0 || !StringFormats.IsSupported(s.Format)) return;
        if (!StringFormats.IsValid(s.Format, value))
            AddInvalidType(errors, path, s.Format, value);
    }

    private static void NumberChecks(JsonNode data, JsonKind kind, StructuralSchemaNode s, string path,
        List<FieldError> errors)
    {
        var isInt = kind == JsonKind.Integer;
        var l = isInt ? UnstructuredJson.GetLong(data) : 0;
        var d = UnstructuredJson.GetDouble(data);
        var bad = FieldError.ValueText(data);
        if (s.MultipleOf is { } factor && factor > 0)
        {
            if (isInt)
            {
                var f = (long)factor;
                if (f != 0 && l / f * f != l)
                    AddInvalid(errors, path, bad, $"{path} in {In} should be a multiple of {f.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                var mult = factor < 1 ? 1 / factor * d : d / factor;
                if (!UnstructuredJson.IsIntegral(mult))
                    AddInvalid(errors, path, bad, $"{path} in {In} should be a multiple of {GoFloat.FormatV(factor)}");
            }
        }
        if (s.Minimum is { } minimum)
        {
            var exclusive = s.ExclusiveMinimum;
            bool fails;
            string limit;
            if (isInt)
            {
                var m = (long)minimum;
                fails = exclusive ? l <= m : l < m;
                limit = m.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                fails = exclusive ? d <= minimum : d < minimum;
                limit = GoFloat.FormatV(minimum);
            }
            if (fails)
                AddInvalid(errors, path, bad, $"{path} in {In} should be greater than {(exclusive ? "" : "or equal to ")}{limit}");
        }
        if (s.Maximum is { } maximum)
        {
            var exclusive = s.ExclusiveMaximum;
            bool fails;
            string limit;
            if (isInt)
            {
                var m = (long)maximum;
                fails = exclusive ? l >= m : l > m;
                limit = m.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                fails = exclusive ? d >= maximum : d > maximum;
                limit = GoFloat.FormatV(maximum);
            }
            if (fails)
                AddInvalid(errors, path, bad, $"{path} in {In} should be less than {(exclusive ? "" : "or equal to ")}{limit}");
        }
    }

    private static void SliceChecks(JsonArray arr, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        if (s.Items is { } items)
        {
            for (var i = 0; i < arr.Count; i++)
                Validate(arr[i], items, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", errors);
        }
        var size = arr.Count;
        if (s.MinItems is { } min && size < min)
            AddInvalid(errors, path, size.ToString(CultureInfo.InvariantCulture), $"{path} in {In} should have at least {min.ToString(CultureInfo.InvariantCulture)} items");
        if (s.MaxItems is { } max && size > max)
            errors.Add(TooMany(path, size, max));
        if (s.UniqueItems)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in arr)
            {
                if (!seen.Add(UnstructuredJson.Canonical(item)))
                {
                    AddInvalid(errors, path, Strconv.Quote(""), $"{path} in {In} shouldn't contain duplicates");
                    break;
                }
            }
        }
    }

    private static FieldError TooMany(string path, long actual, long max) =>
        new(FieldErrorType.TooMany, ValidationFieldPath.FromOpenApiName(path),
            actual.ToString(CultureInfo.InvariantCulture),
            $"must have at most {max.ToString(CultureInfo.InvariantCulture)} {(max == 1 ? "item" : "items")}");

    private static void EnumCheck(JsonNode? data, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        if (s.Enum is not { Count: > 0 } values) return;
        if (!UnstructuredJson.IsNull(data))
        {
            foreach (var v in values)
            {
                if (UnstructuredJson.DeepEquals(data, v)) return;
            }
        }
        // apiextensions lists a string enum value as it is and any other as encoding/json marshals it, then %q-quotes each.
        var rendered = values.Select(v => Strconv.Quote(UnstructuredJson.KindOf(v) == JsonKind.String
            ? UnstructuredJson.GetString(v!)
            : ServerGoJson.Marshal(v, NumberDecoding.Unstructured)));
        errors.Add(new FieldError(FieldErrorType.NotSupported, ValidationFieldPath.FromOpenApiName(path),
            FieldError.ValueText(data), "supported values: " + string.Join(", ", rendered)));
    }

    private static void ObjectChecks(JsonObject obj, StructuralSchemaNode s, string path, List<FieldError> errors,
        bool skipMetadata)
    {
        var count = obj.Count;
        if (s.MinProperties is { } min && count < min)
        {
            AddInvalid(errors, path, count.ToString(CultureInfo.InvariantCulture), $"{path} in {In} should have at least {min.ToString(CultureInfo.InvariantCulture)} properties");
            return;
        }
        if (s.MaxProperties is { } max && count > max)
        {
            errors.Add(TooMany(path, count, max));
            return;
        }
        var props = s.Properties;
        if (s.AdditionalPropertiesFalse)
        {
            foreach (var (key, _) in obj)
            {
                if (props is not null && props.ContainsKey(key)) continue;
                AddInvalid(errors, path, Strconv.Quote(key), $"{path}.{key} in {In} is a forbidden property");
            }
        }
        else if (s.AdditionalProperties is not null)
        {
            foreach (var (key, schema, declared) in SchemaWalker.Members(obj, s))
            {
                if (!declared && schema is { } ap) Validate(obj[key], ap, path + "." + key, errors);
            }
        }
        if (s.PropertyList is { } list)
        {
            foreach (var (name, prop) in list)
            {
                if (skipMetadata && name == "metadata")
                {
                    // ObjectMeta is validated elsewhere; only the restrictions a CRD may put on the root's
                    // metadata.name and metadata.generateName are checked here.
                    if (obj["metadata"] is JsonObject meta && prop.PropertyList is { } metaProps)
                    {
                        foreach (var (metaName, metaProp) in metaProps)
                        {
                            if (metaName is "name" or "generateName" && meta.TryGetPropertyValue(metaName, out var metaValue))
                                Validate(metaValue, metaProp, "metadata." + metaName, errors);
                        }
                    }
                    continue;
                }
                if (obj.TryGetPropertyValue(name, out var value))
                    Validate(value, prop, path.Length == 0 ? name : path + "." + name, errors);
            }
        }
        foreach (var required in s.Required)
        {
            if (skipMetadata && required == "metadata") continue;
            if (!obj.ContainsKey(required))
                errors.Add(new FieldError(FieldErrorType.Required,
                    ValidationFieldPath.FromOpenApiName(path + "." + required), null, ""));
        }
    }
}
