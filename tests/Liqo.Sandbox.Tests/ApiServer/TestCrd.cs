namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>A small CRD written for these tests: widgets.sandbox.example.com (namespaced, status subresource, printer columns).</summary>
public static class TestCrd
{
    public const string Group = "sandbox.example.com";
    public const string Version = "v1alpha1";
    public const string Plural = "widgets";
    public const string ApiVersion = Group + "/" + Version;

    public const string Json = """
    {
      "apiVersion": "apiextensions.k8s.io/v1",
      "kind": "CustomResourceDefinition",
      "metadata": { "name": "widgets.sandbox.example.com" },
      "spec": {
        "group": "sandbox.example.com",
        "scope": "Namespaced",
        "names": { "plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"], "categories": ["sandbox"] },
        "versions": [{
          "name": "v1alpha1", "served": true, "storage": true,
          "subresources": { "status": {} },
          "additionalPrinterColumns": [
            { "name": "Color", "type": "string", "jsonPath": ".spec.color" },
            { "name": "Phase", "type": "string", "jsonPath": ".status.phase" },
            { "name": "Size", "type": "integer", "jsonPath": ".spec.size", "priority": 1 },
            { "name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp" }
          ],
          "schema": { "openAPIV3Schema": {
            "type": "object",
            "properties": {
              "spec": {
                "type": "object",
                "required": ["color"],
                "properties": {
                  "color": { "type": "string", "enum": ["red", "green", "blue"] },
                  "size": { "type": "integer", "minimum": 1, "default": 1 },
                  "labels": { "type": "object", "additionalProperties": { "type": "string" } }
                }
              },
              "status": {
                "type": "object",
                "properties": {
                  "phase": { "type": "string" },
                  "conditions": { "type": "array", "items": { "type": "object", "properties": {
                    "type": { "type": "string" }, "status": { "type": "string" } } } }
                }
              }
            }
          } }
        }]
      }
    }
    """;

    public const string Yaml = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: widgets.sandbox.example.com
    spec:
      group: sandbox.example.com
      scope: Namespaced
      names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd], categories: [sandbox]}
      versions:
      - name: v1alpha1
        served: true
        storage: true
        subresources: {status: {}}
        additionalPrinterColumns:
        - {name: Color, type: string, jsonPath: .spec.color}
        - {name: Phase, type: string, jsonPath: .status.phase}
        - {name: Size, type: integer, jsonPath: .spec.size, priority: 1}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                required: [color]
                properties:
                  color: {type: string, enum: [red, green, blue]}
                  size: {type: integer, minimum: 1, default: 1}
                  labels: {type: object, additionalProperties: {type: string}}
              status:
                type: object
                properties:
                  phase: {type: string}
                  conditions:
                    type: array
                    items: {type: object, properties: {type: {type: string}, status: {type: string}}}
    """;

    public static string Widget(string name, string ns, string color = "red", string extraSpec = "") =>
        $$$"""{"apiVersion":"{{{ApiVersion}}}","kind":"Widget","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"spec":{"color":"{{{color}}}"{{{extraSpec}}}}}""";
}
