using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>
/// A minimal /openapi/v3: one document per served group-version with a PATCH operation per kind that declares the
/// fieldValidation parameter, which is what kubectl checks before it relies on server-side field validation
/// (create -f / apply -f with the default --validate=strict). No schemas (kubectl explain does not work); no /openapi/v2.
/// </summary>
internal sealed class OpenApiHandler(TypeRegistry types, string serverVersion)
{
    public ApiResponse? TryHandle(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed == "/openapi/v3")
        {
            var paths = new JsonObject();
            foreach (var (gvPath, doc) in Documents())
                paths[gvPath] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gvPath}?hash={Hash(doc)}" };
            return ApiResponse.Ok(new JsonObject { ["paths"] = paths });
        }
        if (trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var gvPath = trimmed["/openapi/v3/".Length..];
            foreach (var (p, doc) in Documents())
                if (p == gvPath) return ApiResponse.Ok(doc);
            return ApiResponse.FromError(ApiErrors.NotFoundUrlError());
        }
        return trimmed.StartsWith("/openapi", StringComparison.Ordinal) ? ApiResponse.FromError(ApiErrors.NotFoundUrlError()) : null;
    }

    private static string Hash(JsonObject doc) => Convert.ToHexString(SHA512.HashData(ServerJson.Serialize(doc)));

    private IEnumerable<(string Path, JsonObject Doc)> Documents()
    {
        foreach (var group in types.All.GroupBy(t => t.ApiVersion))
        {
            var first = group.First();
            var prefix = first.Group.Length == 0 ? "api/v1" : $"apis/{first.Group}/{first.Version}";
            var paths = new JsonObject();
            foreach (var t in group.Where(t => t.Supports("patch")).OrderBy(t => t.Plural, StringComparer.Ordinal))
            {
                var p = t.Namespaced ? $"/{prefix}/namespaces/{{namespace}}/{t.Plural}/{{name}}" : $"/{prefix}/{t.Plural}/{{name}}";
                paths[p] = new JsonObject
                {
                    ["patch"] = new JsonObject
                    {
                        ["operationId"] = "patch" + t.Kind,
                        ["x-kubernetes-action"] = "patch",
                        ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
                        ["parameters"] = new JsonArray(
                            Param("dryRun"), Param("fieldManager"), Param("fieldValidation"), Param("force", "boolean")),
                        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                    },
                };
            }
            yield return (prefix, new JsonObject
            {
                ["openapi"] = "3.0.0",
                ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = serverVersion },
                ["paths"] = paths,
                ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
            });
        }
    }

    private static JsonObject Param(string name, string type = "string") => new()
    {
        ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };
}
