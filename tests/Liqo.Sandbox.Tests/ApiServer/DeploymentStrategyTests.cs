using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>The Deployment's selector check prints the template labels as field.Error prints a map[string]string (%#v).</summary>
public sealed class DeploymentStrategyTests
{
    private static List<string> Errors(string labelsJson)
    {
        var labels = labelsJson.Length == 0 ? "" : "\"labels\":" + labelsJson;
        var obj = (JsonObject)JsonNode.Parse(
            "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"x\"}},\"template\":{\"metadata\":{" + labels +
            "},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}}}")!;
        var errors = new List<FieldError>();
        new DeploymentStrategy().Validate(obj, null, errors);
        return errors.Select(e => e.ToString()).ToList();
    }

    // The copy before printed the labels in document order with JSON-encoded values: %#v sorts the keys and quotes with %q.
    [Fact]
    public void Mismatched_labels_print_as_a_go_string_map()
    {
        Assert.Equal(["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"y\\u00a0\", \"tier\":\"web\"}: `selector` does not match template `labels`"],
            Errors("""{"tier":"web","app":"y\u00a0"}"""));
        Assert.Equal(["spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`"],
            Errors(""));
        Assert.Empty(Errors("""{"tier":"web","app":"x"}"""));
    }
}
