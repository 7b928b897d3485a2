using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>RoleBindings and ClusterRoleBindings: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS.</summary>
internal sealed class RoleBindingTablePrinter : ColumnTablePrinter
{
    private readonly TableColumn[] _columns;

    private RoleBindingTablePrinter(TableColumn[] columns) => _columns = columns;

    public static RoleBindingTablePrinter ForRoleBinding() => new(ColumnsFor("roleBinding", ApiDescriptions.RoleBindingRoleRef));

    public static RoleBindingTablePrinter ForClusterRoleBinding() =>
        new(ColumnsFor("clusterRoleBinding", ApiDescriptions.ClusterRoleBindingRoleRef));

    protected override IReadOnlyList<TableColumn> Columns => _columns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var roleRef = ObjectFields.String(obj, "roleRef", "kind") + "/" + ObjectFields.String(obj, "roleRef", "name");
        var users = new List<string>();
        var groups = new List<string>();
        var serviceAccounts = new List<string>();
        foreach (var subject in ObjectFields.Objects(obj, "subjects"))
        {
            var name = ObjectFields.String(subject, "name");
            switch (ObjectFields.String(subject, "kind"))
            {
                case "ServiceAccount":
                    serviceAccounts.Add(ObjectFields.String(subject, "namespace") + "/" + name);
                    break;
                case "User":
                    users.Add(name);
                    break;
                case "Group":
                    groups.Add(name);
                    break;
            }
        }
        return Row(ObjectFields.Name(obj), roleRef, ObjectFields.Age(obj, now),
            string.Join(", ", users), string.Join(", ", groups), string.Join(", ", serviceAccounts));
    }

    private static TableColumn[] ColumnsFor(string what, string roleRefDescription) =>
    [
        TableColumn.NameColumn(),
        new("Role", "string", "", roleRefDescription),
        TableColumn.AgeColumn(),
        new("Users", "string", "", $"Users in the {what}", 1),
        new("Groups", "string", "", $"Groups in the {what}", 1),
        new("ServiceAccounts", "string", "", $"ServiceAccounts in the {what}", 1),
    ];
}
