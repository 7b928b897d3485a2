using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>
/// Asks the API server whether the connection's user may do something (a SelfSubjectAccessReview, which every
/// authenticated user may create), so that a step its rights do not allow is refused before the command's first
/// write, not halfway through. A server that does not answer the review leaves the question open: the step is tried.
/// </summary>
internal static class AccessCheck
{
    private static readonly ResourceKind Review = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false);

    /// <summary>
    /// Throws <see cref="ErrorIds.Forbidden"/> naming the verb, resource and namespace when the server says the user may
    /// not <paramref name="verb"/> <paramref name="kind"/> (named <paramref name="name"/>) in <paramref name="ns"/>;
    /// <paramref name="step"/> says what needs it. Nothing is asked in plan mode (-WhatIf writes nothing).
    /// </summary>
    public static async Task RequireAsync(Operation op, ClusterConnection cluster, string verb, ResourceKind kind, string? ns, string? name, string step)
    {
        if (op.PlanOnly) return;
        var attributes = new JsonObject { ["verb"] = verb, ["group"] = kind.Group, ["resource"] = kind.Plural };
        if (ns is not null) attributes["namespace"] = ns;
        if (name is not null) attributes["name"] = name;
        var review = new JsonObject
        {
            ["apiVersion"] = Review.ApiVersion, ["kind"] = Review.Kind,
            ["spec"] = new JsonObject { ["resourceAttributes"] = attributes },
        };
        JsonObject answer;
        try
        {
            answer = await cluster.Api.CreateAsync(Review, null, review, op.Cancellation).ConfigureAwait(false);
        }
        catch (LiqoException e) when (e is KubeApiException || e.ErrorId == ErrorIds.Forbidden)
        {
            op.Log.Verbose($"The {cluster.Scope} cluster did not answer whether its user may {verb} {kind.DisplayName} ({e.Message}); trying anyway.");
            return;
        }
        if (answer["status"]?["allowed"]?.GetValue<bool>() == true) return;
        var what = name is null ? kind.DisplayName : $"{kind.DisplayName} \"{name}\"";
        var where = kind.Plural == "namespaces" ? "" : ns is null ? " at the cluster scope" : $" in the namespace \"{ns}\"";
        throw new LiqoException(ErrorIds.Forbidden, LiqoErrorCategory.PermissionDenied, $"{verb} {kind.DisplayName}",
            $"The {cluster.Scope} cluster's user may not {verb} {what}{where}, which {step} needs: nothing was changed.",
            $"Run the command with a user of the {cluster.Scope} cluster that may {verb} {kind.DisplayName}, or leave that step out.");
    }
}
