using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Controllers;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Selectors;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>
/// POST pods/{name}/eviction with a policy/v1 (or v1beta1) Eviction, as the real API server's EvictionREST: a pod that is
/// Pending, Succeeded, Failed or already being deleted is deleted without looking at budgets; otherwise the
/// PodDisruptionBudgets of its namespace whose selector matches it decide: none, the pod is deleted; more than one, 500;
/// one, whose status is stale (observedGeneration behind), 429 "still being processed"; whose disruptionsAllowed is 0,
/// 429 with a DisruptionBudget cause; else disruptionsAllowed is decremented, the pod recorded in status.disruptedPods and
/// deleted. An unready pod is deleted without decrementing when the budget is AlwaysAllow for unhealthy pods or has its
/// desired healthy pods (with a resourceVersion precondition, so that a pod turning ready meanwhile gives 429). Before the
/// delete the pod gets the DisruptionTarget condition (EvictionByEvictionAPI). The Eviction's deleteOptions (grace period,
/// preconditions, dryRun) apply to the delete. The answer is a Success Status (201).
/// </summary>
internal sealed class EvictionHandler(ClusterStore store)
{
    private const string BudgetViolated = "Cannot evict pod as it would violate the pod's disruption budget.";
    private const int MaxDisruptedPods = 2000;
    private const int ConflictRetries = 20;

    public ApiResponse Evict(string ns, string name, JsonObject eviction, bool queryDryRun)
    {
        var apiVersion = ServerJson.Str(eviction, "apiVersion");
        if (apiVersion is not (null or "policy/v1" or "policy/v1beta1"))
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version (policy/v1)");
        if (ServerJson.Str(eviction, "kind") is { } kind && kind != "Eviction")
            throw ApiErrors.BadRequest($"not a Eviction object: {kind}");
        var meta = ServerJson.Obj(eviction, "metadata");
        if ((ServerJson.Str(meta, "name") ?? "") != name) throw ApiErrors.BadRequest("name in URL does not match name in Eviction object");
        if (ServerJson.Str(meta, "namespace") is { Length: > 0 } evictionNs && evictionNs != ns)
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        var bodyOptions = ServerJson.Obj(eviction, "deleteOptions");
        var bodyDryRun = ServerJson.Arr(bodyOptions, "dryRun") is { Count: > 0 };
        var options = ResourceHandler.WithBody(new DeleteOptions(), bodyOptions);
        if (!bodyDryRun) options = options with { DryRun = queryDryRun };
        else if (queryDryRun != options.DryRun)
            throw ApiErrors.BadRequest($"Non-matching dry-run options in request and content: [{(queryDryRun ? "All" : "")}] and [{(options.DryRun ? "All" : "")}]");

        var podType = store.Types.FindByKey("/pods")!;
        var rvPreconditionGiven = options.PreconditionResourceVersion is { Length: > 0 };
        JsonObject pod;
        for (var attempt = 1; ; attempt++)
        {
            pod = store.Get(podType, ns, name);
            if (!CanIgnoreBudget(pod)) break;
            var deleteOptions = options;
            if (EnforcesResourceVersion(pod) && !rvPreconditionGiven)
                deleteOptions = options with { PreconditionResourceVersion = ObjectMeta.ResourceVersion(pod) };
            try
            {
                DeleteWithCondition(podType, ns, name, deleteOptions);
                return Success();
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict" && !rvPreconditionGiven && attempt < ConflictRetries)
            {
                // the pod changed meanwhile: read it again
            }
        }

        var pdbType = store.Types.FindByKey(PodDisruptionBudgetStrategy.Key)!;
        var labels = ServerJson.StringMap(ServerJson.Obj(ServerJson.Obj(pod, "metadata"), "labels"));
        var budgets = store.List(pdbType, ns).Items.Where(b => Selects(b, labels)).ToList();
        if (budgets.Count > 1)
            throw new ApiException(500, "", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        var enforceVersion = false;
        string? budgetName = null;
        if (budgets.Count == 1)
        {
            var budget = budgets[0];
            budgetName = ObjectMeta.Name(budget);
            var spec = ServerJson.Obj(budget, "spec");
            var status = ServerJson.Obj(budget, "status");
            if (!DisruptionController.IsReady(pod) &&
                (ServerJson.Str(spec, "unhealthyPodEvictionPolicy") == "AlwaysAllow" || Int(status, "currentHealthy") >= Int(status, "desiredHealthy") && Int(status, "desiredHealthy") > 0))
                enforceVersion = true;
            else
                CheckAndDecrement(pdbType, budget, name, options.DryRun);
        }

        var finalOptions = enforceVersion ? options with { PreconditionResourceVersion = ObjectMeta.ResourceVersion(pod) } : options;
        try
        {
            DeleteWithCondition(podType, ns, name, finalOptions);
        }
        catch (ApiException e) when (e.Code == 409 && enforceVersion && !rvPreconditionGiven)
        {
            throw StillProcessing(budgetName!);
        }
        return Success();
    }

    /// <summary>A Ready pod under one budget: refuse (429, 403) or take one disruption from the budget, retrying conflicts on a fresh read.</summary>
    private void CheckAndDecrement(ResourceType pdbType, JsonObject budget, string podName, bool dryRun)
    {
        var ns = ObjectMeta.Namespace(budget);
        var budgetName = ObjectMeta.Name(budget);
        for (var attempt = 1; ; attempt++)
        {
            var status = ServerJson.Obj(budget, "status");
            if (Long(status, "observedGeneration") < ObjectMeta.Generation(budget)) throw StillProcessing(budgetName);
            var allowed = Int(status, "disruptionsAllowed");
            if (allowed < 0) throw ApiErrors.Forbidden("policy", "poddisruptionbudget", budgetName, "pdb disruptions allowed is negative");
            if (ServerJson.Obj(status, "disruptedPods")?.Count > MaxDisruptedPods)
                throw ApiErrors.Forbidden("policy", "poddisruptionbudget", budgetName, "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
            if (allowed == 0)
                throw new ApiException(429, "TooManyRequests", BudgetViolated, causes:
                [
                    new StatusCause("DisruptionBudget",
                        $"The disruption budget {budgetName} needs {Int(status, "desiredHealthy")} healthy pods and has {Int(status, "currentHealthy")} currently"),
                ]);
            if (dryRun) return;
            var updated = (JsonObject)budget.DeepClone();
            var newStatus = ServerJson.Ensure(updated, "status");
            newStatus["disruptionsAllowed"] = allowed - 1;
            if (allowed - 1 == 0) DisruptionController.SetAllowedCondition(newStatus, false, Long(newStatus, "observedGeneration"), ObjectMeta.Timestamp(store.Now));
            ServerJson.Ensure(newStatus, "disruptedPods")[podName] = ObjectMeta.Timestamp(store.Now);
            try
            {
                store.Update(pdbType, ns, budgetName, updated, new WriteOptions { FieldManager = "kube-apiserver", Subresource = "status" });
                return;
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict")
            {
                if (attempt >= ConflictRetries)
                    throw new ApiException(504, "Timeout", $"Timeout: couldn't update PodDisruptionBudget {Strconv.Quote(budgetName)} due to conflicts", retryAfterSeconds: 10);
                budget = store.Get(pdbType, ns, budgetName);
            }
        }
    }

    /// <summary>addConditionAndDeletePod: DisruptionTarget on the pod's status (not under dryRun), then the delete with the options.</summary>
    private void DeleteWithCondition(ResourceType podType, string ns, string name, DeleteOptions options)
    {
        if (!options.DryRun)
        {
            var latest = store.Get(podType, ns, name);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != ObjectMeta.Uid(latest))
                throw ApiErrors.Conflict("", "Pod", name,
                    $"the UID in the precondition ({uid}) does not match the UID in record ({ObjectMeta.Uid(latest)}). The object might have been deleted and then recreated");
            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != ObjectMeta.ResourceVersion(latest))
                throw ApiErrors.Conflict("", "Pod", name,
                    $"the ResourceVersion in the precondition ({rv}) does not match the ResourceVersion in record ({ObjectMeta.ResourceVersion(latest)}). The object might have been modified");
            var updated = (JsonObject)latest.DeepClone();
            SetDisruptionTarget(ServerJson.Ensure(updated, "status"), ObjectMeta.Timestamp(store.Now));
            var stored = store.Update(podType, ns, name, updated, new WriteOptions { FieldManager = "kube-apiserver", Subresource = "status" }).Object;
            if (options.PreconditionResourceVersion is { Length: > 0 }) options = options with { PreconditionResourceVersion = ObjectMeta.ResourceVersion(stored) };
        }
        store.Delete(podType, ns, name, options);
    }

    /// <summary>podutil.UpdatePodCondition with DisruptionTarget True, EvictionByEvictionAPI.</summary>
    private static void SetDisruptionTarget(JsonObject status, string now)
    {
        var conditions = ServerJson.Arr(status, "conditions") ?? [];
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => ServerJson.Str(c, "type") == "DisruptionTarget");
        var condition = new JsonObject
        {
            ["type"] = "DisruptionTarget", ["status"] = "True", ["lastProbeTime"] = null,
            ["lastTransitionTime"] = existing is not null && ServerJson.Str(existing, "status") == "True" ? ServerJson.Str(existing, "lastTransitionTime") : now,
            ["reason"] = "EvictionByEvictionAPI", ["message"] = "Eviction API: evicting",
        };
        if (existing is not null) conditions[conditions.IndexOf(existing)] = condition;
        else conditions.Add(condition);
        status["conditions"] = conditions;
    }

    private static bool Selects(JsonObject budget, IReadOnlyDictionary<string, string>? labels)
    {
        try
        {
            return LabelSelector.FromObject(ServerJson.Obj(ServerJson.Obj(budget, "spec"), "selector")) is { } selector && selector.Matches(labels);
        }
        catch (SelectorParseException)
        {
            return false; // an invalid selector matches no pod
        }
    }

    private static bool CanIgnoreBudget(JsonObject pod) =>
        Phase(pod) is "Succeeded" or "Failed" or "Pending" || ObjectMeta.IsDeleting(pod);

    private static bool EnforcesResourceVersion(JsonObject pod) =>
        Phase(pod) is not ("Succeeded" or "Failed") && !ObjectMeta.IsDeleting(pod);

    private static string? Phase(JsonObject pod) => ServerJson.Str(ServerJson.Obj(pod, "status"), "phase");

    private static ApiException StillProcessing(string budget) =>
        new(429, "TooManyRequests", BudgetViolated, causes: [new StatusCause("DisruptionBudget", $"The disruption budget {budget} is still being processed by the server.")],
            retryAfterSeconds: 10);

    private static ApiResponse Success() =>
        ApiResponse.Ok(new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201 }, 201);

    private static long Long(JsonObject? obj, string name) => ServerJson.Long(obj?[name]) ?? 0;

    private static int Int(JsonObject? obj, string name) => (int)Long(obj, name);
}
