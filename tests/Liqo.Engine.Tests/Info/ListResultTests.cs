using System.Text.Json.Nodes;
using Liqo.Engine.Info;

namespace Liqo.Engine.Tests.Info;

public class ListResultTests
{
    private static JsonObject Item(string name, string? remote) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = remote is null ? new JsonObject() : new JsonObject { ["liqo.io/remote-cluster-id"] = remote },
        },
    };

    private static List<string> Names(IEnumerable<JsonObject> items) => items.Select(i => (string)i["metadata"]!["name"]!).ToList();

    [Fact]
    public void A_peers_objects_are_found_by_label_in_list_order_and_unlabelled_ones_belong_to_no_peer()
    {
        var list = ListResult.Of(Item("a1", "milan"), Item("b1", "naples"), Item("x", null), Item("a2", "milan"), Item("c", "Milan"));
        Assert.Equal(["a1", "a2"], Names(list.WithRemoteClusterId("milan")));
        Assert.Equal(["b1"], Names(list.WithRemoteClusterId("naples")));
        Assert.Equal(["c"], Names(list.WithRemoteClusterId("Milan")));
        Assert.Empty(list.WithRemoteClusterId("rome"));
        Assert.Empty(list.WithRemoteClusterId(""));
        Assert.Empty(ListResult.Failed("forbidden").WithRemoteClusterId("milan"));
    }
}
