using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Printing;
using static Liqo.Sandbox.Tests.Printing.PrinterAssert;

namespace Liqo.Sandbox.Tests.Printing;

public class TableShapeTests
{
    private static readonly JsonObject ConfigMap = Obj("""
        {"kind":"ConfigMap","apiVersion":"v1",
         "metadata":{"name":"cm1","namespace":"default","uid":"u-1","resourceVersion":"41","creationTimestamp":"2026-11-28T11:55:00Z","labels":{"app":"demo"}},
         "data":{"a":"1"}}
        """);

    [Fact]
    public void ListTableCarriesMetadataColumnsAndPartialObjectMetadata()
    {
        var table = TablePrinters.BuildTable(TablePrinters.ForBuiltIn("", "ConfigMap"), [ConfigMap], "107", "next-page",
            IncludeObject.Metadata, omitColumnDefinitions: false, Now);

        Assert.Equal(["kind", "apiVersion", "metadata", "columnDefinitions", "rows"], table.Select(p => p.Key).ToArray());
        Assert.Equal("Table", (string)table["kind"]!);
        Assert.Equal("meta.k8s.io/v1", (string)table["apiVersion"]!);
        Assert.Equal("""{"resourceVersion":"107","continue":"next-page"}""", table["metadata"]!.ToJsonString());
        Assert.Equal(3, table["columnDefinitions"]!.AsArray().Count);
        var row = table["rows"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["cells", "object"], row.Select(p => p.Key).ToArray());
        Assert.Equal("""["cm1",1,"5m"]""", row["cells"]!.ToJsonString());
        Assert.Equal(
            """{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"cm1","namespace":"default","uid":"u-1","resourceVersion":"41","creationTimestamp":"2026-11-28T11:55:00Z","labels":{"app":"demo"}}}""",
            row["object"]!.ToJsonString());
        // The row carries a copy: changing the table does not change the stored object.
        row["object"]!["metadata"]!["labels"]!["app"] = "changed";
        Assert.Equal("demo", (string)ConfigMap["metadata"]!["labels"]!["app"]!);
    }

    [Fact]
    public void IncludeObjectNoneAndObject()
    {
        var printer = TablePrinters.ForBuiltIn("", "ConfigMap");
        var none = TablePrinters.BuildTable(printer, [ConfigMap], "1", null, IncludeObject.None, false, Now);
        Assert.Equal("""{"cells":["cm1",1,"5m"],"object":null}""", none["rows"]![0]!.ToJsonString());
        Assert.Equal("""{"resourceVersion":"1"}""", none["metadata"]!.ToJsonString());

        var full = TablePrinters.BuildTable(printer, [ConfigMap], "1", null, IncludeObject.Object, false, Now);
        Assert.Equal(ConfigMap.ToJsonString(), full["rows"]![0]!["object"]!.ToJsonString());
    }

    [Fact]
    public void WatchEventsAfterTheFirstOmitColumnDefinitions()
    {
        var table = TablePrinters.BuildTable(TablePrinters.ForCustomResource(null), [ConfigMap], "108", null,
            IncludeObject.Metadata, omitColumnDefinitions: true, Now);
        Assert.True(table.ContainsKey("columnDefinitions"));
        Assert.Null(table["columnDefinitions"]);
        Assert.Equal("""["cm1","5m"]""", table["rows"]![0]!["cells"]!.ToJsonString());
    }

    [Fact]
    public void EmptyListsKeepTheServersRowsField()
    {
        var typed = TablePrinters.BuildTable(TablePrinters.ForBuiltIn("", "Pod"), [], "5", null, IncludeObject.Metadata, false, Now);
        Assert.Equal("[]", typed["rows"]!.ToJsonString());
        Assert.Equal("{}", TablePrinters.BuildTable(TablePrinters.ForBuiltIn("", "Pod"), [], null, null, IncludeObject.Metadata, false, Now)["metadata"]!.ToJsonString());
        var crd = TablePrinters.BuildTable(TablePrinters.ForCustomResource(null), [], "5", null, IncludeObject.Metadata, false, Now);
        Assert.Equal("[]", crd["rows"]!.ToJsonString());
        // The default convertor appends to a nil slice: an empty list serializes as "rows": null.
        var roles = TablePrinters.BuildTable(TablePrinters.ForBuiltIn("rbac.authorization.k8s.io", "Role"), [], "5", null, IncludeObject.Metadata, false, Now);
        Assert.True(roles.ContainsKey("rows"));
        Assert.Null(roles["rows"]);
    }
}
