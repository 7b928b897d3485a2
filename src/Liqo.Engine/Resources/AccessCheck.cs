using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>
/// Asks the API server whether the connection's user may do something (a SelfSubjectAccessReview, which every
/// authenticated user may create), so that a step its rights do not allow is refused before the command's first
/// write, not halfway through. Answers are kept per connection, so a question is asked once per command. A server
/// that does not answer the review leaves the question open: the step is tried.
/// </summary>
internal static class AccessCheck
{
    private static readonly ResourceKind Review = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false);

    /// <summary>
    /// Throws <see cref="ErrorIds.Forbidden"/> naming the verb, resource and namespace when the server says the user may
    /// not <paramref name="verb"/> <paramref name="kind"/> (named <paramref name="name"/>) in <paramref name="ns"/>;
    /// <paramref name="step"/> says what needs it; <paramref name="subresource"/> asks about one (pods/eviction). Asked under
    /// -WhatIf too: the plan is refused the same way.
    /// </summary>
    public static async Task RequireAsync(Operation op, ClusterConnection cluster, string verb, ResourceKind kind, string? ns, string? name, string step,
        string? subresource = null)
    {
        if (await AllowedAsync(op, cluster, verb, kind, ns, name, subresource).ConfigureAwait(false)) return;
        var resource = subresource is null ? kind.DisplayName : $"{kind.DisplayName}/{subresource}";
        var what = name is null ? resource : $"{resource} \"{name}\"";
        var where = kind.Plural == "namespaces" ? "" : ns is null ? " at the cluster scope" : $" in the namespace \"{ns}\"";
        throw new LiqoException(ErrorIds.Forbidden, LiqoErrorCategory.PermissionDenied, $"{verb} {resource}",
            $"The {cluster.Scope} cluster's user may not {verb} {what}{where}, which {step} needs: nothing was changed.",
            $"Run the command with a user of the {cluster.Scope} cluster that may {verb} {resource}, or leave that step out.");
    }

    /// <summary>
    /// Asks for every right in <paramref name="needs"/> (each once) and throws <see cref="ErrorIds.Forbidden"/> naming
    /// each one the user lacks, with verb, resource and namespace; <paramref name="step"/> says what needs them.
    /// </summary>
    public static async Task RequireAllAsync(Operation op, ClusterConnection cluster, IEnumerable<AccessRequirement> needs, string step)
    {
        var missing = new List<AccessRequirement>();
        foreach (var need in needs.Distinct())
            if (!await AllowedAsync(op, cluster, need.Verb, need.Kind, need.Namespace, null).ConfigureAwait(false)) missing.Add(need);
        if (missing.Count == 0) return;
        var list = string.Join("; ", missing);
        throw new LiqoException(ErrorIds.Forbidden, LiqoErrorCategory.PermissionDenied, list,
            $"The {cluster.Scope} cluster's user may not {list}, which {step} needs: nothing was changed.",
            $"Run the command with a user of the {cluster.Scope} cluster that has these rights (for a peering user, its tenant namespace must exist and be bound to the chart's roles).");
    }

    private static async Task<bool> AllowedAsync(Operation op, ClusterConnection cluster, string verb, ResourceKind kind, string? ns, string? name,
        string? subresource = null)
    {
        var question = $"{verb} {kind.DisplayName}{(subresource is null ? "" : "/" + subresource)} {ns} {name}";
        if (cluster.AccessAnswers.TryGetValue(question, out var known)) return known;
        var attributes = new JsonObject { ["verb"] = verb, ["group"] = kind.Group, ["resource"] = kind.Plural };
        if (subresource is not null) attributes["subresource"] = subresource;
        if (ns is not null) attributes["namespace"] = ns;
        if (name is not null) attributes["name"] = name;
        var review = new JsonObject
        {
            ["apiVersion"] = Review.ApiVersion, ["kind"] = Review.Kind,
            ["spec"] = new JsonObject { ["resourceAttributes"] = attributes },
        };
        bool allowed;
        try
        {
            var answer = await cluster.Api.CreateAsync(Review, null, review, op.Cancellation).ConfigureAwait(false);
            allowed = answer["status"]?["allowed"]?.GetValue<bool>() == true;
        }
        catch (LiqoException e) when (e is KubeApiException || e.ErrorId == ErrorIds.Forbidden)
        {
            op.Log.Verbose($"The {cluster.Scope} cluster did not answer whether its user may {verb} {kind.DisplayName} ({e.Message}); trying anyway.");
            allowed = true;
        }
        cluster.AccessAnswers[question] = allowed;
        return allowed;
    }
}
