using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Tests.GoFormat;

/// <summary>liqoctl's --get on Go values: reflection semantics and its exact errors.</summary>
public class GoQueryTests
{
    private static readonly IReadOnlyDictionary<string, GoValue> Data = new Dictionary<string, GoValue>
    {
        ["dummy"] = new GoStruct(
            new GoField("Key", null, false, new GoString("value")),
            new GoField("N", null, false, new GoInt(48)),
            new GoField("Off", null, false, new GoBool(false)),
            new GoField("Nested", null, false, new GoStruct(new GoField("Key1", null, false, new GoString("hello")), new GoField("Key2", null, false, new GoString("Liqo")))),
            new GoField("Slice", null, false, GoSlice.Of(["Slice", "Liqo"])),
            new GoField("Map", null, false, GoMap.Of(new Dictionary<string, string> { ["Map"] = "Liqo" })),
            new GoField("EmptyMap", null, false, new GoMap(new List<KeyValuePair<string, GoValue>>())),
            new GoField("Ptr", "ptr", false, new GoPointer(new GoStruct(new GoField("Pod", "pod", true, GoSlice.Of(["10.0.0.0/16", "10.1.0.0/16"])),
                new GoField("External", "external", true, GoSlice.Of(["10.2.0.0/16"])))))),
    };

    private static string Get(string q, MachineFormat f = MachineFormat.Yaml) => GoQuery.SPrintField(q, Data, new Dictionary<string, string> { ["key"] = "dummy.key" }, f);

    private static string Error(string q) => Assert.Throws<LiqoException>(() => Get(q)).Message;

    [Fact]
    public void ScalarsPrintLikeFmtSprintWithCaseInsensitiveSegments()
    {
        Assert.Equal("value", Get("dummy.key"));
        Assert.Equal("value", Get(".dummy.KEY"));
        Assert.Equal("48", Get("dummy.n"));
        Assert.Equal("hello", Get("dummy.nested.key1"));
        Assert.Equal("value", Get("KEY")); // a shortcut matches the whole query case-insensitively
    }

    [Fact]
    public void StructuresPrintAsYamlOrJson()
    {
        Assert.Equal("Key1: hello\nKey2: Liqo", Get("dummy.nested"));
        Assert.Equal("- Slice\n- Liqo", Get("dummy.slice"));
        Assert.Equal("Map: Liqo", Get("dummy.map"));
        Assert.Equal("{}", Get("dummy.emptymap"));
        Assert.Equal("{\n  \"Key1\": \"hello\",\n  \"Key2\": \"Liqo\"\n}", Get("dummy.nested", MachineFormat.Json));
    }

    [Fact]
    public void APointerToAStructPrintsAsGoPrintsIt() => Assert.Equal("&{[10.0.0.0/16 10.1.0.0/16] [10.2.0.0/16]}", Get("dummy.ptr"));

    [Fact]
    public void ErrorsAreLiqoctlsOwn()
    {
        Assert.Equal("invalid query \"invalid\": \"invalid\" not found", Error("invalid"));
        Assert.Equal("invalid query \"Dummy.key\": \"Dummy\" not found", Error("Dummy.key")); // the section name is exact
        Assert.Equal("invalid query \"dummy.invalid\": \"invalid\" not found", Error("dummy.invalid"));
        Assert.Equal("invalid query \"dummy.key.subfield\": \"key\" is not an object", Error("dummy.key.subfield"));
        Assert.Equal("invalid query \"dummy.slice.x\": \"slice\" is not an object", Error("dummy.slice.x"));
        Assert.Equal("invalid query \"dummy.ptr.pod\": \"ptr\" is not an object", Error("dummy.ptr.pod"));
        Assert.Equal("invalid query \"dummy.off\": \"off\" not found", Error("dummy.off")); // false is Go's zero value
        Assert.Equal("invalid query \"dummy.\": \"\" not found", Error("dummy."));
        Assert.Equal("invalid query \"dummy.key\": \"dummy\" not found", Assert.Throws<LiqoException>(() =>
            GoQuery.SPrintField(".dummy.key", new Dictionary<string, GoValue>(), null, MachineFormat.Yaml)).Message);
        var e = Assert.Throws<LiqoException>(() => Get("dummy.nope"));
        Assert.Equal(ErrorIds.InvalidQuery, e.ErrorId);
        Assert.Equal(LiqoErrorCategory.InvalidArgument, e.Category);
    }
}
