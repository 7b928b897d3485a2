using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>RoleBinding and ClusterRoleBinding: roleRef is required and immutable; subjects need kind and name.</summary>
internal sealed class RoleBindingStrategy(bool clusterScoped) : IResourceStrategy
{
    public NameRule NameRule => NameRule.PathSegment;

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var roleRef = ServerJson.Obj(obj, "roleRef");
        var kind = ServerJson.Str(roleRef, "kind") ?? "";
        if (kind.Length == 0) errors.Add(new FieldError(FieldErrorType.NotSupported, "roleRef.kind", "\"\"",
            clusterScoped ? "supported values: \"ClusterRole\"" : "supported values: \"Role\", \"ClusterRole\""));
        else if (clusterScoped ? kind != "ClusterRole" : kind is not ("Role" or "ClusterRole"))
            errors.Add(new FieldError(FieldErrorType.NotSupported, "roleRef.kind", Strconv.Quote(kind),
                clusterScoped ? "supported values: \"ClusterRole\"" : "supported values: \"Role\", \"ClusterRole\""));
        if (string.IsNullOrEmpty(ServerJson.Str(roleRef, "name")))
            errors.Add(new FieldError(FieldErrorType.Required, "roleRef.name", null, ""));
        if (old is not null && !JsonNode.DeepEquals(ServerJson.Obj(old, "roleRef"), roleRef))
            errors.Add(new FieldError(FieldErrorType.Invalid, "roleRef", ServerJson.ToText(roleRef),
                "cannot change roleRef"));
        var subjects = ServerJson.Arr(obj, "subjects");
        for (var i = 0; subjects is not null && i < subjects.Count; i++)
        {
            var s = subjects[i] as JsonObject;
            if (string.IsNullOrEmpty(ServerJson.Str(s, "name")))
                errors.Add(new FieldError(FieldErrorType.Required, $"subjects[{i}].name", null, ""));
            var sk = ServerJson.Str(s, "kind") ?? "";
            if (sk is not ("User" or "Group" or "ServiceAccount"))
                errors.Add(new FieldError(FieldErrorType.NotSupported, $"subjects[{i}].kind", Strconv.Quote(sk),
                    "supported values: \"ServiceAccount\", \"User\", \"Group\""));
        }
    }
}
