using System.Text.Json.Nodes;
using Liqo.Engine.Lifecycle;

namespace Liqo.Engine.Tests.Lifecycle;

/// <summary>Remove-LiqoPeering -Drain's refusals and budget notes, on objects as a cluster holds them.</summary>
public class DrainCheckTests
{
    private static JsonObject Pod(string name, string node, string cpu = "100m", bool owned = true, bool ready = true) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "shop",
            ["labels"] = new JsonObject { ["app"] = "web" },
            ["ownerReferences"] = owned ? new JsonArray(new JsonObject { ["kind"] = "ReplicaSet", ["name"] = "web", ["controller"] = true }) : new JsonArray(),
        },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = node,
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu } } }),
        },
        ["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
        },
    };

    private static JsonObject Node(string name, string cpu = "8", bool isVirtual = false) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = isVirtual ? new JsonObject { ["liqo.io/type"] = "virtual-node" } : new JsonObject(),
        },
        ["status"] = new JsonObject { ["allocatable"] = new JsonObject { ["cpu"] = cpu, ["memory"] = "16Gi", ["pods"] = "110" } },
    };

    private static JsonObject Budget(string key, JsonNode value, JsonObject? status = null) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "shop" },
        ["spec"] = new JsonObject { [key] = value, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } } },
        ["status"] = status,
    };

    private static readonly HashSet<string> Virtual = ["provider"];

    private static IReadOnlyList<DrainBlocker> Check(List<JsonObject> pods, List<JsonObject> nodes, params JsonObject[] budgets) =>
        DrainCheck.Check(pods.Where(p => (string?)p["spec"]!["nodeName"] == "provider").ToList(), pods, nodes, budgets, Virtual);

    [Fact]
    public void Pods_with_a_controller_room_and_no_budget_can_leave()
    {
        var pods = new List<JsonObject> { Pod("a", "provider"), Pod("b", "provider"), Pod("local", "consumer-control-plane") };
        Assert.Empty(Check(pods, [Node("consumer-control-plane"), Node("provider", "100", isVirtual: true)]));
    }

    [Fact]
    public void A_budget_that_allows_no_disruption_now_is_said_not_refused()
    {
        var pods = new List<JsonObject> { Pod("a", "provider"), Pod("b", "consumer-control-plane") };
        var nodes = new List<JsonObject> { Node("consumer-control-plane"), Node("provider", isVirtual: true) };
        var holding = Budget("minAvailable", 2, new JsonObject { ["observedGeneration"] = 1, ["disruptionsAllowed"] = 0, ["desiredHealthy"] = 2, ["currentHealthy"] = 2 });
        // the evictions wait for the budget (it may allow them once the first evicted pods run elsewhere): no refusal
        Assert.Empty(Check(pods, nodes, holding));
        var note = Assert.Single(DrainCheck.Holding(pods.Where(p => (string?)p["spec"]!["nodeName"] == "provider").ToList(), [holding]));
        Assert.Contains("PodDisruptionBudget shop/web allows no disruption now (it needs 2 healthy pods and has 2)", note, StringComparison.Ordinal);
        Assert.Contains("evicting shop/a waits for it", note, StringComparison.Ordinal);
        // one that allows a disruption, or whose status the controller has not written yet, is not mentioned
        Assert.Empty(DrainCheck.Holding([pods[0]], [Budget("minAvailable", 1, new JsonObject { ["observedGeneration"] = 1, ["disruptionsAllowed"] = 1 })]));
        Assert.Empty(DrainCheck.Holding([pods[0]], [Budget("minAvailable", 2)]));
    }

    [Fact]
    public void A_pod_two_budgets_select_is_refused_since_the_eviction_api_refuses_it()
    {
        var pods = new List<JsonObject> { Pod("a", "provider") };
        var nodes = new List<JsonObject> { Node("consumer-control-plane"), Node("provider", isVirtual: true) };
        var second = Budget("maxUnavailable", 1);
        second["metadata"]!["name"] = "web-too";
        var blocked = Assert.Single(Check(pods, nodes, Budget("minAvailable", 1), second));
        Assert.Equal(ErrorIds.DrainBlocked, blocked.ErrorId);
        Assert.Contains("more than one PodDisruptionBudget selects shop/a (web, web-too)", blocked.Reason, StringComparison.Ordinal);
        // a budget without a selector selects nothing (policy/v1), an empty selector every pod of its namespace
        var none = Budget("minAvailable", 1);
        ((JsonObject)none["spec"]!).Remove("selector");
        Assert.Empty(Check(pods, nodes, second, none));
    }

    [Fact]
    public void Bare_pods_and_too_little_room_are_refused_with_their_own_error()
    {
        var bare = Check([Pod("a", "provider", owned: false)], [Node("consumer-control-plane")]);
        Assert.Equal(ErrorIds.DrainBlocked, Assert.Single(bare).ErrorId);
        var full = Check([Pod("a", "provider", cpu: "6"), Pod("b", "consumer-control-plane", cpu: "3")], [Node("consumer-control-plane")]);
        var noRoom = Assert.Single(full);
        Assert.Equal(ErrorIds.DrainNoRoom, noRoom.ErrorId);
        Assert.Contains("cpu: 6 requested, 5 free", noRoom.Reason, StringComparison.Ordinal);
        var cordoned = Node("consumer-control-plane");
        cordoned["spec"] = new JsonObject { ["unschedulable"] = true };
        Assert.Equal(ErrorIds.DrainNoRoom, Assert.Single(Check([Pod("a", "provider")], [cordoned])).ErrorId);
    }
}
