using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>x-kubernetes-validations on hand-written schemas: messages, reasons, fieldPath, transition rules.</summary>
public sealed class CelRuleTests
{
    private static StructuralSchema Root(string yaml) => StructuralSchema.FromOpenApiV3(YamlJson.LoadObject(yaml));

    private static JsonObject Obj(string specJson) =>
        JsonNode.Parse($$"""{"apiVersion":"x.io/v1","kind":"X","metadata":{"name":"a"},"spec":{{specJson}}}""")!.AsObject();

    private static List<string> Errors(StructuralSchema s, string spec, string? oldSpec = null) =>
        s.Validate(Obj(spec), oldSpec is null ? null : Obj(oldSpec)).Select(e => e.ToString()).ToList();

    [Fact]
    public void Failed_rule_without_message_quotes_the_rule_and_the_value_is_the_schema_type()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  replicas: {type: integer}
                  name: {type: string, x-kubernetes-validations: [{rule: "self.startsWith('liqo-')"}]}
                x-kubernetes-validations:
                - rule: "  self.replicas >= 0  "
            """);
        Assert.Equal(
            [
                "spec: Invalid value: \"object\": failed rule: self.replicas >= 0",
                "spec.name: Invalid value: \"string\": failed rule: self.startsWith('liqo-')",
            ],
            Errors(s, """{"replicas":-1,"name":"x"}"""));
        Assert.Empty(Errors(s, """{"replicas":1,"name":"liqo-x"}"""));
    }

    [Fact]
    public void Rules_at_the_root_report_the_nil_path()
    {
        var s = Root("""
            type: object
            properties: {spec: {type: object, properties: {a: {type: string}}}}
            x-kubernetes-validations:
            - {rule: "self.metadata.name.size() > 3", message: name too short}
            """);
        Assert.Equal(["<nil>: Invalid value: \"object\": name too short"], Errors(s, """{"a":"x"}"""));
    }

    [Fact]
    public void Message_expression_reason_and_field_path_shape_the_error()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  min: {type: integer}
                  max: {type: integer}
                  labels: {type: object, additionalProperties: {type: string}}
                x-kubernetes-validations:
                - rule: self.min <= self.max
                  messageExpression: "'min (' + string(self.min) + ') must not exceed max (' + string(self.max) + ')'"
                  fieldPath: .max
                - rule: "!has(self.labels) || !('forbidden' in self.labels)"
                  message: the forbidden label is forbidden
                  reason: FieldValueForbidden
                  fieldPath: ".labels['forbidden']"
                - rule: has(self.labels)
                  message: labels are required
                  reason: FieldValueRequired
            """);
        var errors = s.Validate(Obj("""{"min":5,"max":2,"labels":{"forbidden":"x"}}"""), null);
        Assert.Equal(
            [
                "spec.max: Invalid value: \"object\": min (5) must not exceed max (2)",
                "spec.labels[forbidden]: Forbidden: the forbidden label is forbidden",
            ],
            errors.Select(e => e.ToString()));
        Assert.Equal("FieldValueForbidden", errors[1].CauseReason);
        Assert.Equal(["spec: Required value: labels are required"], Errors(s, """{"min":1,"max":2}"""));
    }

    [Fact]
    public void A_message_expression_that_fails_falls_back_to_the_message()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties: {a: {type: integer}}
                x-kubernetes-validations:
                - {rule: "self.a > 1", message: a too small, messageExpression: "self.nothing"}
            """);
        Assert.Equal(["spec: Invalid value: \"object\": a too small"], Errors(s, """{"a":0}"""));
    }

    [Fact]
    public void Evaluation_errors_name_the_rule()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties: {port: {type: integer}, name: {type: string}}
                x-kubernetes-validations:
                - {rule: "self.port > 0", message: port must be positive}
                - rule: "self.name + 1 == 'x'"
            """);
        Assert.Equal(
            [
                "spec: Invalid value: \"object\": no such key: port evaluating rule: port must be positive",
                "spec: Invalid value: \"object\": 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.name + 1 == 'x'",
            ],
            Errors(s, """{"name":"n"}"""));
    }

    [Fact]
    public void Transition_rules_run_only_on_update_and_only_where_an_old_value_exists()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  id: {type: string, x-kubernetes-validations: [{rule: self == oldSelf, message: id is immutable}]}
                  size: {type: integer}
                x-kubernetes-validations:
                - {rule: "self.size >= oldSelf.size", message: size may only grow}
            """);
        Assert.Empty(Errors(s, """{"id":"a","size":1}"""));
        Assert.Empty(Errors(s, """{"id":"a","size":2}""", """{"size":1}"""));
        Assert.Equal(
            [
                "spec: Invalid value: \"object\": size may only grow",
                "spec.id: Invalid value: \"string\": id is immutable",
            ],
            Errors(s, """{"id":"b","size":0}""", """{"id":"a","size":1}"""));
    }

    [Fact]
    public void Optional_old_self_rules_also_run_on_create()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties: {v: {type: integer}}
                x-kubernetes-validations:
                - rule: "oldSelf.hasValue() ? self.v >= oldSelf.value().v : self.v == 0"
                  optionalOldSelf: true
                  message: v must start at 0 and never decrease
            """);
        Assert.Empty(Errors(s, """{"v":0}"""));
        Assert.Equal(["spec: Invalid value: \"object\": v must start at 0 and never decrease"], Errors(s, """{"v":1}"""));
        Assert.Empty(Errors(s, """{"v":2}""", """{"v":1}"""));
        Assert.Single(Errors(s, """{"v":0}""", """{"v":1}"""));
    }

    [Fact]
    public void Transition_rules_correlate_list_map_items_by_key_but_not_atomic_lists()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  byKey:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items:
                      type: object
                      properties:
                        name: {type: string}
                        value: {type: string, x-kubernetes-validations: [{rule: self == oldSelf, message: value is immutable}]}
                  atomic:
                    type: array
                    items:
                      type: object
                      properties:
                        value: {type: string, x-kubernetes-validations: [{rule: self == oldSelf, message: never checked}]}
            """);
        Assert.Equal(
            ["spec.byKey[0].value: Invalid value: \"string\": value is immutable"],
            Errors(s,
                """{"byKey":[{"name":"b","value":"2"},{"name":"a","value":"1"}],"atomic":[{"value":"y"}]}""",
                """{"byKey":[{"name":"a","value":"1"},{"name":"b","value":"1"}],"atomic":[{"value":"x"}]}"""));
    }

    [Fact]
    public void Schema_errors_that_change_the_shape_block_the_rules()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties: {a: {type: string, enum: [x, w]}, b: {type: string, pattern: '^b'}}
                x-kubernetes-validations: [{rule: "false", message: never seen}]
            """);
        Assert.Equal(
            [
                "spec.a: Unsupported value: \"z\": supported values: \"x\", \"w\"",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
            ],
            Errors(s, """{"a":"z"}"""));
        // A pattern failure is not blocking: the rules still run.
        Assert.Equal(
            [
                "spec.b: Invalid value: \"c\": spec.b in body should match '^b'",
                "spec: Invalid value: \"object\": never seen",
            ],
            Errors(s, """{"b":"c"}"""));
    }

    [Fact]
    public void Rules_on_int_or_string_report_an_empty_type()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  port:
                    x-kubernetes-int-or-string: true
                    anyOf: [{type: integer}, {type: string}]
                    x-kubernetes-validations: [{rule: "self != 0", message: bad port}]
            """);
        Assert.Equal(["spec.port: Invalid value: \"\": bad port"], Errors(s, """{"port":0}"""));
        Assert.Empty(Errors(s, """{"port":"http"}"""));
    }

    [Fact]
    public void Rules_using_functions_outside_the_subset_fail_closed_at_validation()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties: {q: {type: string, x-kubernetes-validations: [{rule: "quantity(self).isInteger()"}]}}
            """);
        Assert.Equal(["spec.q: Invalid value: \"string\": rule compile error: ERROR: <input>: undeclared reference to 'quantity' (in container '')"], Errors(s, """{"q":"1"}"""));
    }

    [Fact]
    public void Rules_inside_maps_use_bracketed_keys()
    {
        var s = Root("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  quotas:
                    type: object
                    additionalProperties:
                      type: integer
                      x-kubernetes-validations: [{rule: self >= 0, message: must not be negative}]
            """);
        Assert.Equal(["spec.quotas[cpu]: Invalid value: \"integer\": must not be negative"], Errors(s, """{"quotas":{"cpu":-1,"mem":1}}"""));
    }
}
