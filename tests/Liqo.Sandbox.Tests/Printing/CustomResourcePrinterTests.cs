using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Printing;
using static Liqo.Sandbox.Tests.Printing.PrinterAssert;

namespace Liqo.Sandbox.Tests.Printing;

public class CustomResourcePrinterTests
{
    private static ITablePrinter Printer(string columnsJson) => TablePrinters.ForCustomResource(JsonNode.Parse(columnsJson)!.AsArray());

    [LiqoCrdFact]
    public void ForeignClusterPrintsNameRoleAgeFromTheRealCrd()
    {
        var crd = LiqoCrds.Load("core.liqo.io_foreignclusters.yaml");
        var printer = TablePrinters.ForCustomResource(LiqoCrds.PrinterColumns(crd, "v1beta1"));

        Assert.Equal(["Name", "Role", "+ClusterID", "Age"], Header(printer));
        var columns = printer.ColumnDefinitions();
        Assert.Equal(
            """{"name":"Role","type":"string","format":"","description":"Custom resource definition column (in JSONPath format): .status.role","priority":0}""",
            columns[1]!.ToJsonString());
        Assert.Equal("Custom resource definition column (in JSONPath format): .spec.clusterID", (string)columns[2]!["description"]!);
        Assert.Equal(1, (int)columns[2]!["priority"]!);
        Assert.Equal("date", (string)columns[3]!["type"]!);
        Assert.Equal("name", (string)columns[0]!["format"]!);

        var peered = Obj("""
            {"apiVersion":"core.liqo.io/v1beta1","kind":"ForeignCluster",
             "metadata":{"name":"cluster-b","creationTimestamp":"AGO:5m","labels":{"liqo.io/remote-cluster-id":"cluster-b"}},
             "spec":{"clusterID":"cluster-b"},"status":{"role":"Provider","modules":{"networking":{"enabled":true}}}}
            """);
        Cells("""["cluster-b","Provider","cluster-b","5m"]""", printer.Cells(peered, Now));

        // Before the controller fills the status the Role cell is null (kubectl prints it empty).
        var fresh = Obj("""{"metadata":{"name":"cluster-c","creationTimestamp":"2026-11-28T11:59:58Z"},"spec":{"clusterID":"cluster-c"}}""");
        Cells("""["cluster-c",null,"cluster-c","2s"]""", printer.Cells(fresh, Now));
    }

    [LiqoCrdFact]
    public void VirtualNodeFiltersConditionsByType()
    {
        var crd = LiqoCrds.Load("offloading.liqo.io_virtualnodes.yaml");
        var printer = TablePrinters.ForCustomResource(LiqoCrds.PrinterColumns(crd, "v1beta1"));
        Assert.Equal(["Name", "ClusterID", "Create Node", "Age", "+Node", "+VirtualKubelet"], Header(printer));
        var vn = Obj("""
            {"metadata":{"name":"cluster-b","creationTimestamp":"2026-11-28T11:00:00Z"},"spec":{"clusterID":"cluster-b","createNode":true},
             "status":{"conditions":[{"type":"VirtualKubelet","status":"Running"},{"type":"Node","status":"Creating"}]}}
            """);
        Cells("""["cluster-b","cluster-b",true,"60m","Creating","Running"]""", printer.Cells(vn, Now));
    }

    [LiqoCrdFact]
    public void GatewayServerPrintsTheFirstAddressAndAnIntegerPortAsText()
    {
        var crd = LiqoCrds.Load("networking.liqo.io_gatewayservers.yaml");
        var printer = TablePrinters.ForCustomResource(LiqoCrds.PrinterColumns(crd, "v1beta1"));
        Assert.Equal(["Name", "+Template Kind", "Template Name", "+Template Namespace", "IP", "Port", "+Protocol", "+MTU", "Age"], Header(printer));
        // No creationTimestamp: the Age column is a JSONPath column like the others, so its cell is null.
        var gw = Obj("""
            {"metadata":{"name":"server-cluster-b"},
             "spec":{"mtu":1340,"serverTemplateRef":{"kind":"WgGatewayServerTemplate","name":"wireguard-server","namespace":"liqo"}},
             "status":{"endpoint":{"addresses":["172.18.0.5","172.18.0.6"],"port":30573,"protocol":"UDP"}}}
            """);
        Cells("""["server-cluster-b","WgGatewayServerTemplate","wireguard-server","liqo","172.18.0.5","30573","UDP",1340,null]""",
            printer.Cells(gw, Now));
    }

    [LiqoCrdFact]
    public void ConfigurationPrintsCidrListsAsJsonAndEscapedLabelKeys()
    {
        var crd = LiqoCrds.Load("networking.liqo.io_configurations.yaml");
        var printer = TablePrinters.ForCustomResource(LiqoCrds.PrinterColumns(crd, "v1beta1"));
        var cfg = Obj("""
            {"metadata":{"name":"cluster-b","labels":{"liqo.io/remote-cluster-id":"cluster-b"}},
             "spec":{"remote":{"cidr":{"pod":["10.243.0.0/16"],"external":["10.70.0.0/16"]}}},
             "status":{"remote":{"cidr":{"pod":["10.71.0.0/16"]}}}}
            """);
        Cells("""["cluster-b","[\"10.243.0.0/16\"]","[\"10.71.0.0/16\"]",null,"[\"10.70.0.0/16\"]",null,"cluster-b"]""",
            printer.Cells(cfg, Now));
    }

    [Fact]
    public void WithoutColumnsTheServerAddsAge()
    {
        foreach (var columns in new[] { null, new JsonArray() })
        {
            var printer = TablePrinters.ForCustomResource(columns);
            Assert.Equal(["Name", "Age"], Header(printer));
            var age = printer.ColumnDefinitions()[1]!;
            Assert.Equal("date", (string)age["type"]!);
            Assert.StartsWith("CreationTimestamp is a timestamp", (string)age["description"]!);
            Cells("""["x","3d"]""", printer.Cells(Obj("""{"metadata":{"name":"x","creationTimestamp":"2026-11-25T12:00:00Z"}}"""), Now));
        }
    }

    [Fact]
    public void ColumnsAreTypedLikeTheServer()
    {
        var printer = Printer("""
            [{"name":"Int","type":"integer","jsonPath":".spec.i"},{"name":"IntFromFloat","type":"integer","jsonPath":".spec.f"},
             {"name":"Num","type":"number","jsonPath":".spec.i"},{"name":"Float","type":"number","jsonPath":".spec.f"},
             {"name":"Bool","type":"boolean","jsonPath":".spec.b"},{"name":"BoolFromText","type":"boolean","jsonPath":".spec.s"},
             {"name":"IntFromText","type":"integer","jsonPath":".spec.s"},
             {"name":"When","type":"date","jsonPath":".status.lastSync"},{"name":"Bad","type":"date","jsonPath":".spec.s"},
             {"name":"Empty","type":"date","jsonPath":".spec.empty"},
             {"name":"Text","type":"string","jsonPath":".spec.s","description":"A custom description","format":"byte","priority":1}]
            """);
        var obj = Obj("""
            {"metadata":{"name":"x"},"spec":{"i":3,"f":2.75,"b":false,"s":"hello","empty":""},
             "status":{"lastSync":"2026-11-28T11:57:00Z"}}
            """);
        Cells("""["x",3,2,3,2.75,false,null,null,"3m","<invalid>","<unknown>","hello"]""", printer.Cells(obj, Now));
        var text = printer.ColumnDefinitions()[11]!;
        Assert.Equal("""{"name":"Text","type":"string","format":"byte","description":"A custom description","priority":1}""", text.ToJsonString());
    }

    [Fact]
    public void StringColumnsPrintValuesLikeJsonPath()
    {
        var printer = Printer("""
            [{"name":"Map","type":"string","jsonPath":".spec.m"},{"name":"List","type":"string","jsonPath":".spec.l"},
             {"name":"Int","type":"string","jsonPath":".spec.i"},{"name":"Float","type":"string","jsonPath":".spec.f"},
             {"name":"Big","type":"string","jsonPath":".spec.big"},{"name":"Bool","type":"string","jsonPath":".spec.b"},
             {"name":"Null","type":"string","jsonPath":".spec.n"},{"name":"Missing","type":"string","jsonPath":".spec.none.deeper"},
             {"name":"Html","type":"string","jsonPath":".spec.html"},{"name":"WholeFloat","type":"string","jsonPath":".spec.whole"}]
            """);
        var obj = Obj("""
            {"metadata":{"name":"x"},"spec":{"m":{"z":1,"a":{"k":[true,null,1.5]}},"l":["a","b"],"i":42,"f":0.1,
              "big":1e21,"b":true,"n":null,"html":{"t":"<a&b>"},"whole":2.0}}
            """);
        Cells("""["x","{\"a\":{\"k\":[true,null,1.5]},\"z\":1}","[\"a\",\"b\"]","42","0.1","1e+21","true","<no value>",null,"{\"t\":\"\\u003ca\\u0026b\\u003e\"}","2"]""",
            printer.Cells(obj, Now));
    }

    [Fact]
    public void AnUnparseableJsonPathEndsTheColumnsThere()
    {
        var printer = Printer("""
            [{"name":"A","type":"string","jsonPath":".spec.a"},{"name":"B","type":"string","jsonPath":".spec[oops"},
             {"name":"C","type":"string","jsonPath":".spec.c"}]
            """);
        Assert.Equal(["Name", "A"], Header(printer));
        Cells("""["x","1"]""", printer.Cells(Obj("""{"metadata":{"name":"x"},"spec":{"a":"1","c":"3"}}"""), Now));
    }
}
