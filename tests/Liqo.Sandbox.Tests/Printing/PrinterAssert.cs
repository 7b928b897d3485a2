using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liqo.Sandbox.ApiServer.Printing;

namespace Liqo.Sandbox.Tests.Printing;

/// <summary>Helpers for printer tests: a fixed clock, objects from JSON text, and cells compared as JSON.</summary>
internal static class PrinterAssert
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An RFC 3339 timestamp <paramref name="ago"/> before <see cref="Now"/>.</summary>
    public static string Ago(TimeSpan ago) => (Now - ago).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /// <summary>An object from JSON text, where AGO:5m (s, m, h, d) stands for the timestamp that long before <see cref="Now"/>.</summary>
    public static JsonObject Obj(string json) =>
        JsonNode.Parse(Regex.Replace(json, @"AGO:(\d+)([smhd])", m => Ago(m.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(int.Parse(m.Groups[1].Value)),
            "m" => TimeSpan.FromMinutes(int.Parse(m.Groups[1].Value)),
            "h" => TimeSpan.FromHours(int.Parse(m.Groups[1].Value)),
            _ => TimeSpan.FromDays(int.Parse(m.Groups[1].Value)),
        })))!.AsObject();

    /// <summary>The column names, with the priority-1 ones marked "+" (kubectl shows them only with -o wide).</summary>
    public static string[] Header(ITablePrinter printer) =>
        printer.ColumnDefinitions().Select(c => ((int)c!["priority"]! == 1 ? "+" : "") + (string)c["name"]!).ToArray();

    /// <summary>Asserts the cells as compact JSON, so types count: "3" (a string) differs from 3 (an integer).</summary>
    public static void Cells(string expectedJson, JsonArray cells) =>
        Assert.Equal(JsonNode.Parse(expectedJson)!.ToJsonString(), cells.ToJsonString());
}
