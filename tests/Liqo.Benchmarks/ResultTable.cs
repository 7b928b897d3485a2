using System.Globalization;
using System.Text;

namespace Liqo.Benchmarks;

/// <summary>Renders a report as a plain-text table (stdout, README) and lists its checks and notes.</summary>
public static class ResultTable
{
    private static readonly string[] Headers = ["Case", "Client", "Count", "Seconds", "Rate", "p50 ms", "p95 ms", "p99 ms", "max ms", "CPU ms/op", "Errors"];

    public static string Render(BenchmarkReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Benchmark '{report.Name}' ({report.Outcome}, {report.Duration.TotalSeconds:F0} s)");
        sb.AppendLine("Machine: " + report.Machine.Summary);
        sb.AppendLine();
        var rows = report.Rows.Select(Cells).ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        void Line(string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                // Text columns left-aligned, numbers right-aligned.
                sb.Append(i < 2 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]));
                sb.Append(i == cells.Length - 1 ? "" : "  ");
            }
            sb.AppendLine();
        }
        Line(Headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var r in rows) Line(r);
        var noted = report.Rows.Where(r => r.Note is not null).ToList();
        if (noted.Count > 0)
        {
            sb.AppendLine();
            foreach (var r in noted) sb.AppendLine($"  {r.Case} [{r.Client}]: {r.Note}");
        }
        if (report.Checks.Count > 0)
        {
            sb.AppendLine();
            foreach (var c in report.Checks) sb.AppendLine($"{(c.Passed ? "PASS" : "FAIL")}  {c.Name}: {c.Detail}");
        }
        if (report.Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in report.Notes) sb.AppendLine("Note: " + n);
        }
        return sb.ToString();
    }

    private static string[] Cells(ResultRow r) =>
    [
        r.Case, r.Client, r.Count.ToString(CultureInfo.InvariantCulture), r.Seconds.ToString("F1", CultureInfo.InvariantCulture),
        r.Rate is { } rate ? rate.ToString(rate >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture) + " " + r.Unit : "",
        Ms(r.P50Ms), Ms(r.P95Ms), Ms(r.P99Ms), Ms(r.MaxMs), Ms(r.CpuMsPerOp), r.Errors.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Ms(double? ms) => ms switch
    {
        null => "",
        < 1 => ms.Value.ToString("F3", CultureInfo.InvariantCulture),
        < 10 => ms.Value.ToString("F2", CultureInfo.InvariantCulture),
        < 100 => ms.Value.ToString("F1", CultureInfo.InvariantCulture),
        _ => ms.Value.ToString("F0", CultureInfo.InvariantCulture),
    };
}
