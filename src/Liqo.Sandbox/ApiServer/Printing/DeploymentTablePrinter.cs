using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Selectors;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DeploymentTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] DeploymentColumns =
    [
        TableColumn.NameColumn(),
        new("Ready", "string", "", "Number of the pod with ready state"),
        new("Up-to-date", "string", "", ApiDescriptions.DeploymentStatusUpdatedReplicas),
        new("Available", "string", "", ApiDescriptions.DeploymentStatusAvailableReplicas),
        TableColumn.AgeColumn(),
        new("Containers", "string", "", "Names of each container in the template.", 1),
        new("Images", "string", "", "Images referenced by each container in the template.", 1),
        new("Selector", "string", "", ApiDescriptions.DeploymentSpecSelector, 1),
    ];

    protected override IReadOnlyList<TableColumn> Columns => DeploymentColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var containers = ObjectFields.Objects(obj, "spec", "template", "spec", "containers").ToList();
        return Row(
            ObjectFields.Name(obj),
            // SetDefaults_Deployment (applied on every decode): no replicas reads as 1.
            $"{ObjectFields.Integer(obj, "status", "readyReplicas")}/{ObjectFields.OptionalInteger(obj, "spec", "replicas") ?? 1}",
            ObjectFields.Integer(obj, "status", "updatedReplicas"),
            ObjectFields.Integer(obj, "status", "availableReplicas"),
            ObjectFields.Age(obj, now),
            string.Join(",", containers.Select(c => ObjectFields.String(c, "name"))),
            string.Join(",", containers.Select(c => ObjectFields.String(c, "image"))),
            SelectorText(ObjectFields.At(obj, "spec", "selector") as JsonObject));
    }

    /// <summary>metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key; "&lt;invalid&gt;" when it does not convert.</summary>
    internal static string SelectorText(JsonObject? selector)
    {
        if (selector is null)
            return "";
        var requirements = new List<LabelRequirement>();
        try
        {
            foreach (var (key, value) in ObjectFields.StringMap(selector, "matchLabels"))
                requirements.Add(LabelRequirement.Create(key, LabelOperator.Equals, [value]));
            foreach (var expression in ObjectFields.Objects(selector, "matchExpressions"))
            {
                var op = ObjectFields.String(expression, "operator") switch
                {
                    "In" => LabelOperator.In,
                    "NotIn" => LabelOperator.NotIn,
                    "Exists" => LabelOperator.Exists,
                    "DoesNotExist" => LabelOperator.DoesNotExist,
                    _ => throw new SelectorParseException("not a valid label selector operator"),
                };
                requirements.Add(LabelRequirement.Create(ObjectFields.String(expression, "key"), op,
                    ObjectFields.Strings(expression, "values")));
            }
        }
        catch (SelectorParseException)
        {
            return "<invalid>";
        }
        return string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.ToString()));
    }
}
