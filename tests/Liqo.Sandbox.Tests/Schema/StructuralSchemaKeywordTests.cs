using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>Each schema keyword on small hand-written schemas, with the API server's error text.</summary>
public sealed class StructuralSchemaKeywordTests
{
    /// <summary>A CRD root schema whose spec is <paramref name="specYaml"/> (indented under spec).</summary>
    private static StructuralSchema Spec(string specYaml)
    {
        var indented = string.Join("\n", specYaml.Split('\n').Select(l => "    " + l));
        return StructuralSchema.FromOpenApiV3(YamlJson.LoadObject($"""
            type: object
            properties:
              apiVersion: {"{"}type: string{"}"}
              kind: {"{"}type: string{"}"}
              metadata: {"{"}type: object{"}"}
              spec:
            {indented}
            """));
    }

    private static JsonObject Obj(string specJson, string? statusJson = null) =>
        JsonNode.Parse($$"""{"apiVersion":"x.io/v1","kind":"X","metadata":{"name":"a"},"spec":{{specJson}}{{(statusJson is null ? "" : ",\"status\":" + statusJson)}}}""")!.AsObject();

    private static List<string> Errors(StructuralSchema s, string specJson, string? oldSpecJson = null) =>
        s.Validate(Obj(specJson), oldSpecJson is null ? null : Obj(oldSpecJson)).Select(e => e.ToString()).ToList();

    // ------------------------------------------------------------------ types

    [Fact]
    public void Type_mismatches_name_the_json_type_of_the_value()
    {
        var s = Spec("""
            type: object
            properties:
              s: {type: string}
              i: {type: integer}
              n: {type: number}
              b: {type: boolean}
              o: {type: object}
              a: {type: array, items: {type: string}}
            """);
        Assert.Equal(
            [
                "spec.s: Invalid value: \"integer\": spec.s in body must be of type string: \"integer\"",
                "spec.i: Invalid value: \"number\": spec.i in body must be of type integer: \"number\"",
                "spec.n: Invalid value: \"string\": spec.n in body must be of type number: \"string\"",
                "spec.b: Invalid value: \"string\": spec.b in body must be of type boolean: \"string\"",
                "spec.o: Invalid value: \"array\": spec.o in body must be of type object: \"array\"",
                "spec.a: Invalid value: \"object\": spec.a in body must be of type array: \"object\"",
            ],
            Errors(s, """{"s":1,"i":1.5,"n":"1","b":"true","o":[],"a":{}}"""));
        Assert.Empty(Errors(s, """{"s":"x","i":2.0,"n":3,"b":false,"o":{},"a":["x"]}"""));
    }

    [Fact]
    public void Type_errors_are_TypeInvalid_causes()
    {
        var s = Spec("{type: object, properties: {s: {type: string}}}");
        var e = Assert.Single(s.Validate(Obj("""{"s":true}"""), null));
        Assert.Equal(FieldErrorType.TypeInvalid, e.Type);
        Assert.Equal("FieldValueTypeInvalid", e.CauseReason);
        Assert.Equal("spec.s", e.Field);
        Assert.Equal("\"boolean\"", e.BadValue);
    }

    [Fact]
    public void Integer_formats_name_the_format_when_a_float_is_given()
    {
        var s = Spec("{type: object, properties: {p: {type: integer, format: int32}, q: {type: integer, format: int64}}}");
        Assert.Equal(
            [
                "spec.p: Invalid value: \"float64\": spec.p in body must be of type int32: \"float64\"",
                "spec.q: Invalid value: \"string\": spec.q in body must be of type integer: \"string\"",
            ],
            Errors(s, """{"p":1.5,"q":"7"}"""));
        Assert.Empty(Errors(s, """{"p":3000000000,"q":7}"""));
    }

    [Fact]
    public void Int_or_string_accepts_both_and_refuses_other_types()
    {
        var s = Spec("""
            type: object
            properties:
              port:
                anyOf: [{type: integer}, {type: string}]
                x-kubernetes-int-or-string: true
            """);
        Assert.Empty(Errors(s, """{"port":8080}"""));
        Assert.Empty(Errors(s, """{"port":"http"}"""));
        Assert.Equal(
            [
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"",
                "<nil>: Invalid value: \"\": \"spec.port\" must validate at least one schema (anyOf)",
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer: \"boolean\"",
            ],
            Errors(s, """{"port":true}"""));
    }

    [Fact]
    public void Nullable_allows_null_and_non_nullable_null_is_a_type_error()
    {
        var s = Spec("{type: object, properties: {a: {type: string, nullable: true}, b: {type: string}}}");
        Assert.Empty(Errors(s, """{"a":null}"""));
        Assert.Equal(["spec.b: Invalid value: \"null\": spec.b in body must be of type string: \"null\""], Errors(s, """{"b":null}"""));
    }

    [Fact]
    public void Identical_findings_from_allOf_branches_are_reported_once()
    {
        var s = Spec("""
            type: object
            properties:
              n:
                type: integer
                allOf: [{minimum: 5}, {minimum: 5}]
            """);
        Assert.Equal(
            [
                "spec.n: Invalid value: 1: spec.n in body should be greater than or equal to 5",
                "<nil>: Invalid value: \"\": \"spec.n\" must validate all the schemas (allOf). None validated",
            ],
            Errors(s, """{"n":1}"""));
    }

    // ------------------------------------------------------------------ required, enum, pattern, formats

    [Fact]
    public void Required_fields_are_reported_after_the_present_ones()
    {
        var s = Spec("{type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}, c: {type: integer}}}");
        Assert.Equal(
            [
                "spec.c: Invalid value: \"string\": spec.c in body must be of type integer: \"string\"",
                "spec.a: Required value",
                "spec.b: Required value",
            ],
            Errors(s, """{"c":"x"}"""));
        var e = s.Validate(Obj("{}"), null)[0];
        Assert.Equal("FieldValueRequired", e.CauseReason);
        Assert.Equal("Required value", e.MessageWithoutField);
    }

    [Fact]
    public void Enum_lists_the_supported_values_quoted()
    {
        var s = Spec("{type: object, properties: {mode: {type: string, enum: [Client, Server]}, level: {type: integer, enum: [1, 2]}}}");
        Assert.Equal(
            [
                "spec.mode: Unsupported value: \"client\": supported values: \"Client\", \"Server\"",
                "spec.level: Unsupported value: 3: supported values: \"1\", \"2\"",
            ],
            Errors(s, """{"mode":"client","level":3}"""));
        Assert.Empty(Errors(s, """{"mode":"Server","level":2}"""));
        Assert.Equal("FieldValueNotSupported", s.Validate(Obj("""{"mode":"x"}"""), null)[0].CauseReason);
    }

    // apiextensions lists a non-string enum value as encoding/json marshals it (non-ASCII kept, keys in Go's order,
    // numbers from their int64/float64); the schema copy wrote .NET's default-escaped JSON (\u0027, \u00E9).
    [Fact]
    public void Enum_values_that_are_not_strings_are_listed_as_encoding_json_writes_them()
    {
        var s = Spec("""
            type: object
            properties:
              n: {type: number, enum: [1.0, 2.5]}
              o: {type: object, x-kubernetes-preserve-unknown-fields: true, enum: [{b: 'é', a: "it's"}]}
            """);
        Assert.Equal(
            [
                "spec.n: Unsupported value: 3: supported values: \"1\", \"2.5\"",
                "spec.o: Unsupported value: map[string]interface {}{\"c\":1}: supported values: \"{\\\"a\\\":\\\"it's\\\",\\\"b\\\":\\\"é\\\"}\"",
            ],
            Errors(s, """{"n":3,"o":{"c":1}}"""));
    }

    [Fact]
    public void Pattern_is_a_go_regexp_anchored_as_written()
    {
        var s = Spec("""{type: object, properties: {id: {type: string, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'}, d: {type: string, pattern: '^\d+$'}}}""");
        Assert.Equal(["spec.id: Invalid value: \"Bad_ID\": spec.id in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"], Errors(s, """{"id":"Bad_ID"}"""));
        // Go's $ is the end of the text: a trailing newline does not match, unlike .NET's default.
        Assert.Single(Errors(s, """{"id":"abc\n"}"""));
        // \d is ASCII-only in Go.
        Assert.Single(Errors(s, """{"d":"١٢٣"}"""));
        Assert.Empty(Errors(s, """{"id":"cluster-1","d":"123"}"""));
    }

    [Theory]
    [InlineData("ipv4", "10.0.0.1", true)]
    [InlineData("ipv4", "10.0.0.256", false)]
    [InlineData("ipv4", "010.0.0.1", false)]
    [InlineData("ipv4", "fd00::1", false)]
    [InlineData("ipv6", "fd00::1", true)]
    [InlineData("ipv6", "2001:db8:0:0:0:0:2:1", true)]
    [InlineData("ipv6", "::ffff:10.0.0.1", true)]
    [InlineData("ipv6", "2001:db8::1::2", false)]
    [InlineData("ipv6", "10.0.0.1", false)]
    [InlineData("cidr", "10.0.0.0/8", true)]
    [InlineData("cidr", "fd00::/64", true)]
    [InlineData("cidr", "10.0.0.0", false)]
    [InlineData("cidr", "10.0.0.0/33", false)]
    [InlineData("byte", "aGVsbG8=", true)]
    [InlineData("byte", "aGVsbG8", false)]
    [InlineData("byte", "", false)]
    [InlineData("date-time", "2026-11-28T10:00:00Z", true)]
    [InlineData("date-time", "2026-11-28T10:00:00.123+01:00", true)]
    [InlineData("date-time", "2026-11-28t10:00:00z", true)]
    [InlineData("date-time", "2026-11-28 10:00:00", false)]
    [InlineData("date-time", "2026-11-28T10:00:00", false)]
    [InlineData("date-time", "2026-11-28T24:00:00Z", false)]
    [InlineData("date-time", "2026-13-28T10:00:00Z", false)]
    [InlineData("date", "2026-02-28", true)]
    [InlineData("date", "2026-02-30", false)]
    [InlineData("uri", "https://example.com/x?y=1", true)]
    [InlineData("uri", "/just/a/path", true)]
    [InlineData("uri", "not a uri", false)]
    [InlineData("uuid", "6c1f0b5e-0c1e-4a57-9d0b-0b7f3f6c1a11", true)]
    [InlineData("uuid", "6c1f0b5e", false)]
    [InlineData("hostname", "gw.example.com", true)]
    [InlineData("hostname", "-bad-.example.com", false)]
    [InlineData("mac", "00:1a:2b:3c:4d:5e", true)]
    [InlineData("mac", "00:1a:2b", false)]
    [InlineData("int32", "anything", true)]
    [InlineData("my-own-format", "anything", true)]
    public void String_formats_are_checked_like_the_api_server(string format, string value, bool valid)
    {
        var s = Spec($"{{type: object, properties: {{v: {{type: string, format: {format}}}}}}}");
        var errors = Errors(s, $$"""{"v":{{System.Text.Json.JsonSerializer.Serialize(value)}}}""");
        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var q = Strconv.Quote(value);
            Assert.Equal([$"spec.v: Invalid value: {q}: spec.v in body must be of type {format}: {q}"], errors);
        }
    }

    [Fact]
    public void A_formatted_string_given_a_number_names_the_format_and_the_go_type()
    {
        var s = Spec("{type: object, properties: {ip: {type: string, format: ipv4}}}");
        Assert.Equal(["spec.ip: Invalid value: \"int64\": spec.ip in body must be of type ipv4: \"int64\""], Errors(s, """{"ip":10}"""));
    }

    // ------------------------------------------------------------------ numbers, lengths, sizes

    [Fact]
    public void Minimum_maximum_and_their_exclusive_forms()
    {
        var s = Spec("""
            type: object
            properties:
              a: {type: integer, minimum: 1, maximum: 10}
              b: {type: integer, minimum: 1, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true}
              c: {type: number, minimum: 0.5, maximum: 1000000}
              m: {type: integer, multipleOf: 5}
            """);
        Assert.Equal(
            [
                "spec.a: Invalid value: 0: spec.a in body should be greater than or equal to 1",
                "spec.b: Invalid value: 10: spec.b in body should be less than 10",
                "spec.c: Invalid value: 0.25: spec.c in body should be greater than or equal to 0.5",
                "spec.m: Invalid value: 7: spec.m in body should be a multiple of 5",
            ],
            Errors(s, """{"a":0,"b":10,"c":0.25,"m":7}"""));
        Assert.Equal(
            [
                "spec.a: Invalid value: 11: spec.a in body should be less than or equal to 10",
                "spec.b: Invalid value: 1: spec.b in body should be greater than 1",
                "spec.c: Invalid value: 1.5e+06: spec.c in body should be less than or equal to 1e+06",
            ],
            Errors(s, """{"a":11,"b":1,"c":1500000.0}"""));
        Assert.Empty(Errors(s, """{"a":1,"b":2,"c":0.5,"m":10}"""));
    }

    [Fact]
    public void String_length_limits_count_characters()
    {
        var s = Spec("{type: object, properties: {a: {type: string, maxLength: 3}, b: {type: string, minLength: 2}, c: {type: string, maxLength: 1}}}");
        var errors = s.Validate(Obj("""{"a":"abcd","b":"x","c":"éé"}"""), null);
        Assert.Equal(
            [
                "spec.a: Too long: may not be more than 3 bytes",
                "spec.b: Invalid value: \"x\": spec.b in body should be at least 2 chars long",
                "spec.c: Too long: may not be more than 1 byte",
            ],
            errors.Select(e => e.ToString()));
        Assert.Equal("FieldValueTooLong", errors[0].CauseReason);
        Assert.Empty(Errors(s, """{"a":"äöü","b":"xy"}"""));
    }

    [Fact]
    public void Item_and_property_counts()
    {
        var s = Spec("""
            type: object
            properties:
              l: {type: array, items: {type: string}, minItems: 1, maxItems: 2}
              m: {type: object, additionalProperties: {type: string}, minProperties: 1, maxProperties: 2}
            """);
        var errors = s.Validate(Obj("""{"l":["a","b","c"],"m":{"a":"1","b":"2","c":"3"}}"""), null);
        Assert.Equal(
            [
                "spec.l: Too many: 3: must have at most 2 items",
                "spec.m: Too many: 3: must have at most 2 items",
            ],
            errors.Select(e => e.ToString()));
        Assert.Equal("FieldValueTooMany", errors[0].CauseReason);
        Assert.Equal(
            [
                "spec.l: Invalid value: 0: spec.l in body should have at least 1 items",
                "spec.m: Invalid value: 0: spec.m in body should have at least 1 properties",
            ],
            Errors(s, """{"l":[],"m":{}}"""));
    }

    [Fact]
    public void Errors_in_items_and_map_values_carry_their_paths()
    {
        var s = Spec("""
            type: object
            properties:
              items:
                type: array
                items:
                  type: object
                  required: [name]
                  properties: {name: {type: string}, port: {type: integer}}
              labels: {type: object, additionalProperties: {type: string}}
            """);
        Assert.Equal(
            [
                "spec.items[1].port: Invalid value: \"string\": spec.items[1].port in body must be of type integer: \"string\"",
                "spec.items[1].name: Required value",
                "spec.labels.app.kubernetes.io/name: Invalid value: \"integer\": spec.labels.app.kubernetes.io/name in body must be of type string: \"integer\"",
            ],
            Errors(s, """{"items":[{"name":"a"},{"port":"x"}],"labels":{"app.kubernetes.io/name":1}}"""));
    }

    // ------------------------------------------------------------------ list types

    [Fact]
    public void List_type_set_reports_the_second_occurrence_of_each_duplicate()
    {
        var s = Spec("{type: object, properties: {s: {type: array, items: {type: string}, x-kubernetes-list-type: set}, n: {type: array, items: {type: integer}, x-kubernetes-list-type: set}}}");
        var errors = s.Validate(Obj("""{"s":["a","b","a","a","b"],"n":[1,2,1]}"""), null);
        Assert.Equal(
            [
                "spec.n[2]: Duplicate value: 1",
                "spec.s[2]: Duplicate value: \"a\"",
                "spec.s[4]: Duplicate value: \"b\"",
            ],
            errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal("FieldValueDuplicate", e.CauseReason));
    }

    [Fact]
    public void List_type_map_compares_the_keys_only()
    {
        var s = Spec("""
            type: object
            properties:
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [port, protocol]
                items:
                  type: object
                  required: [port]
                  properties: {port: {type: integer}, protocol: {type: string, default: TCP}, name: {type: string}}
              envs:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [name]
                items: {type: object, properties: {name: {type: string}, value: {type: string}}}
            """);
        var obj = Obj("""{"ports":[{"port":80,"name":"a"},{"port":80,"protocol":"UDP"},{"port":80,"protocol":"TCP","name":"b"}],"envs":[{"name":"A","value":"1"},{"name":"A","value":"2"},{"value":"3"}]}""");
        s.ApplyDefaults(obj);
        Assert.Equal(
            [
                "spec.ports[2]: Duplicate value: map[string]interface {}{\"port\":80, \"protocol\":\"TCP\"}",
                "spec.envs[1]: Duplicate value: map[string]interface {}{\"name\":\"A\"}",
            ],
            s.Validate(obj, null).Select(e => e.ToString()));
        Assert.Equal(["port", "protocol"], s.ListMapKeys("spec.ports"));
        Assert.Equal(["name"], s.ListMapKeys("spec.envs"));
        Assert.Null(s.ListMapKeys("spec.ports.port"));
        Assert.Null(s.ListMapKeys("spec.nothing"));
    }

    [Fact]
    public void List_type_map_items_must_be_objects()
    {
        var s = Spec("{type: object, properties: {l: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [k], items: {type: object, properties: {k: {type: string}}}}}}");
        Assert.Contains("spec.l[1]: Invalid value: \"x\": must be an object for an array of list-type map", Errors(s, """{"l":[{"k":"a"},"x"]}"""));
    }

    [Fact]
    public void Root_metadata_is_left_to_object_meta_validation_except_name_restrictions()
    {
        var s = StructuralSchema.FromOpenApiV3(YamlJson.LoadObject("""
            type: object
            properties:
              metadata:
                type: object
                properties:
                  name: {type: string, maxLength: 5}
              spec: {type: object}
            """));
        var obj = JsonNode.Parse("""{"metadata":{"name":"too-long-name","labels":{"a":1}},"spec":{}}""")!.AsObject();
        Assert.Equal(["metadata.name: Too long: may not be more than 5 bytes"], s.Validate(obj, null).Select(e => e.ToString()));
    }

    // ------------------------------------------------------------------ pruning

    [Fact]
    public void Pruning_removes_undeclared_fields_and_reports_sorted_paths()
    {
        var s = Spec("""
            type: object
            properties:
              known: {type: string}
              list:
                type: array
                items: {type: object, properties: {a: {type: string}}}
              map: {type: object, additionalProperties: {type: object, properties: {v: {type: integer}}}}
              free: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {typed: {type: object, properties: {x: {type: string}}}}}
            """);
        var obj = Obj("""{"zeta":1,"known":"k","list":[{"a":"1","b":2},{"c":3}],"map":{"k1":{"v":1,"w":2}},"free":{"any":{"thing":[1]},"typed":{"x":"1","y":"2"}},"alpha":true}""",
            """{"whatever":1}""");
        obj["metadata"]!["extra"] = "drop me";
        var pruned = s.Prune(obj);
        Assert.Equal(
            ["spec.alpha", "spec.free.typed.y", "spec.list[0].b", "spec.list[1].c", "spec.map.k1.w", "spec.zeta", "status", "metadata.extra"],
            pruned);
        Assert.Equal(
            """{"apiVersion":"x.io/v1","kind":"X","metadata":{"name":"a"},"spec":{"known":"k","list":[{"a":"1"},{}],"map":{"k1":{"v":1}},"free":{"any":{"thing":[1]},"typed":{"x":"1"}}}}""",
            obj.ToJsonString());
    }

    [Fact]
    public void Embedded_resources_keep_type_meta_and_have_their_metadata_pruned_and_checked()
    {
        var s = Spec("""
            type: object
            properties:
              template:
                type: object
                x-kubernetes-embedded-resource: true
                properties:
                  spec: {type: object, properties: {replicas: {type: integer}}}
            """);
        var obj = Obj("""{"template":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","bogus":1},"spec":{"replicas":1,"x":2},"status":{}}}""");
        Assert.Equal(["spec.template.spec.x", "spec.template.status", "spec.template.metadata.bogus"], s.Prune(obj));
        Assert.Equal("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1}}""", obj["spec"]!["template"]!.ToJsonString());
        Assert.Equal(["spec.template.apiVersion: Required value", "spec.template.kind: Required value"], Errors(s, """{"template":{"spec":{}}}"""));
    }

    [Fact]
    public void Root_type_meta_and_object_meta_fields_are_kept()
    {
        var s = Spec("{type: object}");
        var obj = Obj("{}");
        obj["metadata"] = JsonNode.Parse("""{"name":"a","namespace":"n","labels":{"a":"b"},"annotations":{},"finalizers":["f"],"ownerReferences":[{"apiVersion":"v1","kind":"K","name":"o","uid":"u","controller":true}],"generateName":"g","uid":"x","resourceVersion":"1","generation":1,"creationTimestamp":"2026-01-01T00:00:00Z","managedFields":[{"manager":"m","operation":"Apply","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{}}]}""");
        var before = obj.ToJsonString();
        Assert.Empty(s.Prune(obj));
        Assert.Equal(before, obj.ToJsonString());
    }

    // ------------------------------------------------------------------ defaulting

    [Fact]
    public void Defaults_apply_top_down_into_objects_items_and_map_values()
    {
        var s = Spec("""
            type: object
            properties:
              a: {type: string, default: x}
              obj:
                type: object
                default: {}
                properties:
                  inner: {type: integer, default: 3}
                  deeper: {type: object, properties: {z: {type: boolean, default: false}}}
              list:
                type: array
                items: {type: object, properties: {p: {type: string, default: TCP}, q: {type: string}}}
              map: {type: object, additionalProperties: {type: object, properties: {m: {type: integer, default: 1}}}}
              nullable: {type: string, nullable: true, default: n}
              plain: {type: string}
            """);
        var obj = Obj("""{"list":[{"q":"a"},{"p":"UDP"}],"map":{"k":{}},"nullable":null,"plain":null}""");
        s.ApplyDefaults(obj);
        Assert.Equal(
            """{"list":[{"q":"a","p":"TCP"},{"p":"UDP"}],"map":{"k":{"m":1}},"nullable":null,"a":"x","obj":{"inner":3}}""",
            obj["spec"]!.ToJsonString());
        Assert.Empty(s.Validate(obj, null));
    }

    [Fact]
    public void Pruning_silently_drops_nulls_of_non_nullable_fields_without_defaults()
    {
        var s = Spec("{type: object, properties: {a: {type: string}, b: {type: string, nullable: true}, c: {type: string, default: x}}}");
        var obj = Obj("""{"a":null,"b":null,"c":null}""");
        Assert.Empty(s.Prune(obj));
        Assert.Equal("""{"b":null,"c":null}""", obj["spec"]!.ToJsonString());
        s.ApplyDefaults(obj);
        Assert.Equal("""{"b":null,"c":"x"}""", obj["spec"]!.ToJsonString());
        Assert.Empty(s.Validate(obj, null));
    }

    [Fact]
    public void Null_of_a_non_nullable_field_with_a_default_gets_the_default()
    {
        var s = Spec("{type: object, properties: {mode: {type: string, default: Active}, items: {type: array, items: {type: string, default: d}}}}");
        var obj = Obj("""{"mode":null,"items":["a",null]}""");
        s.ApplyDefaults(obj);
        Assert.Equal("""{"mode":"Active","items":["a","d"]}""", obj["spec"]!.ToJsonString());
    }

    [Fact]
    public void Defaults_are_copies()
    {
        var s = Spec("{type: object, properties: {o: {type: object, default: {a: 1}, properties: {a: {type: integer}}}}}");
        var one = Obj("{}");
        var two = Obj("{}");
        s.ApplyDefaults(one);
        s.ApplyDefaults(two);
        one["spec"]!["o"]!["a"] = 2;
        Assert.Equal(1, two["spec"]!["o"]!["a"]!.GetValue<long>());
    }

    // ------------------------------------------------------------------ structural checks

    [Theory]
    [InlineData("{type: object, properties: {a: {description: no type}}}", "openAPIV3Schema.properties[spec].properties[a].type: Required value: must not be empty for specified object fields")]
    [InlineData("{type: array}", "openAPIV3Schema.properties[spec].items: Required value: must be specified")]
    [InlineData("{type: object, properties: {a: {type: string}}, additionalProperties: {type: string}}", "openAPIV3Schema.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive")]
    [InlineData("{type: object, properties: {a: {$ref: '#/x'}}}", "openAPIV3Schema.properties[spec].properties[a].$ref: Forbidden: $ref is not supported")]
    [InlineData("{type: array, items: {type: object}, x-kubernetes-list-type: map}", "openAPIV3Schema.properties[spec].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map")]
    [InlineData("{type: object, x-kubernetes-validations: [{rule: 'self.a =='}]}", "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: \"self.a ==\": compilation failed: Syntax error: mismatched input '<EOF>' at offset 9")]
    [InlineData("{type: object, x-kubernetes-validations: [{rule: 'self.a == other'}]}", "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: \"self.a == other\": compilation failed: ERROR: <input>: undeclared reference to 'other' (in container '')")]
    [InlineData("{type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: 'true', fieldPath: .b}]}", "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].fieldPath: Invalid value: \".b\": fieldPath must be a valid path: does not refer to a valid field")]
    public void Non_structural_schemas_are_rejected(string spec, string expected)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Spec(spec));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Keywords_of_the_wrong_json_type_are_argument_errors()
    {
        Assert.ThrowsAny<ArgumentException>(() => Spec("{type: object, required: [1, {a: b}]}"));
        Assert.ThrowsAny<ArgumentException>(() => Spec("{type: 7}"));
    }

    [Fact]
    public void The_root_must_be_an_object()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => StructuralSchema.FromOpenApiV3(new JsonObject { ["type"] = "string" }));
        Assert.Equal("openAPIV3Schema.type: Invalid value: \"string\": must be object at the root", e.Message);
    }
}
