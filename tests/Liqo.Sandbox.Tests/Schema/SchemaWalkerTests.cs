using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>
/// How the sandbox's schema passes go down a schema with a value: members by declared property or
/// additionalProperties, items by items, with apimachinery's field paths.
/// </summary>
public sealed class SchemaWalkerTests
{
    private static readonly StructuralSchemaNode Root = Build("""
        type: object
        properties:
          apiVersion: {type: string}
          kind: {type: string}
          metadata:
            type: object
            properties:
              name: {type: string}
          spec:
            type: object
            properties:
              ports:
                type: array
                items:
                  type: object
                  properties:
                    port: {type: integer}
              labels:
                type: object
                additionalProperties: {type: string}
              free:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """);

    private static StructuralSchemaNode Build(string yaml)
    {
        var builder = new SchemaBuilder();
        var root = builder.BuildRoot(YamlJson.LoadObject(yaml));
        Assert.Empty(builder.Errors);
        return root;
    }

    private static StructuralSchemaNode Spec => Root.Properties!["spec"];

    private static JsonObject Resource() => JsonNode.Parse("""
        {"apiVersion":"x.io/v1","kind":"X","metadata":{"name":"a","extra":1},
         "spec":{"ports":[{"port":80,"unknown":true},{"port":81}],"labels":{"app":"web"},"free":{"any":[1]},"gone":2}}
        """)!.AsObject();

    [Fact]
    public void A_declared_property_is_a_child_field_and_a_map_entry_a_bracketed_key()
    {
        var ports = SchemaWalker.Member(Spec, "ports");
        Assert.True(ports.Declared);
        Assert.Same(Spec.Properties!["ports"], ports.Schema);
        Assert.Equal("spec.ports", ports.Path("spec"));
        Assert.Equal("ports", ports.Path(null));

        var labels = Spec.Properties!["labels"];
        var app = SchemaWalker.Member(labels, "app");
        Assert.False(app.Declared);
        Assert.Same(labels.AdditionalProperties, app.Schema);
        Assert.Equal("spec.labels[app]", app.Path("spec.labels"));
    }

    [Fact]
    public void A_member_the_schema_does_not_describe_has_no_schema()
    {
        var gone = SchemaWalker.Member(Spec, "gone");
        Assert.Null(gone.Schema);
        Assert.False(gone.Declared);
        Assert.Null(SchemaWalker.Member(Spec.Properties!["free"], "any").Schema);
    }

    [Fact]
    public void A_resource_walk_visits_every_described_value_depth_first_and_leaves_out_metadata()
    {
        var visited = new List<string>();
        SchemaWalker.WalkResource(Resource(), Root, (value, schema, path) =>
            visited.Add($"{path}:{schema.Type}:{value?.ToJsonString()}"));

        Assert.Equal(
        [
            "apiVersion:string:\"x.io/v1\"",
            "kind:string:\"X\"",
            "spec:object:" + Resource()["spec"]!.ToJsonString(),
            "spec.ports:array:[{\"port\":80,\"unknown\":true},{\"port\":81}]",
            "spec.ports[0]:object:{\"port\":80,\"unknown\":true}",
            "spec.ports[0].port:integer:80",
            "spec.ports[1]:object:{\"port\":81}",
            "spec.ports[1].port:integer:81",
            "spec.labels:object:{\"app\":\"web\"}",
            "spec.labels[app]:string:\"web\"",
            "spec.free:object:{\"any\":[1]}",
        ], visited);
    }

    [Fact]
    public void A_walk_from_a_value_visits_that_value_first_with_the_given_path()
    {
        var visited = new List<string>();
        var ports = JsonNode.Parse("""[{"port":1}]""");
        SchemaWalker.Walk(ports, Spec.Properties!["ports"], "spec.ports", (_, _, path) => visited.Add(path));
        Assert.Equal(["spec.ports", "spec.ports[0]", "spec.ports[0].port"], visited);
    }

    [Fact]
    public void Members_come_in_the_objects_order_and_survive_the_caller_removing_them()
    {
        var spec = Resource()["spec"]!.AsObject();
        var seen = new List<string>();
        foreach (var (key, schema, declared) in SchemaWalker.Members(spec, Spec))
        {
            seen.Add($"{key}:{declared}:{schema is not null}");
            spec.Remove(key);
        }
        Assert.Equal(["ports:True:True", "labels:True:True", "free:True:True", "gone:False:False"], seen);
        Assert.Empty(spec);
    }

    [Fact]
    public void Children_are_the_properties_in_order_then_additionalProperties_then_items()
    {
        Assert.Equal(
            new[] { "apiVersion", "kind", "metadata", "spec" }.Select(n => Root.Properties![n]),
            SchemaWalker.Children(Root));
        var labels = Spec.Properties!["labels"];
        Assert.Equal([labels.AdditionalProperties!], SchemaWalker.Children(labels));
        var ports = Spec.Properties!["ports"];
        Assert.Equal([ports.Items!], SchemaWalker.Children(ports));
        Assert.Empty(SchemaWalker.Children(ports.Items!.Properties!["port"]));
    }
}
