using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liqo.Benchmarks;

/// <summary>Writes a report as JSON (camelCase, indented): machine, options, rows, checks, notes.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(BenchmarkReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, report.Name + ".json");
        var document = new
        {
            benchmark = report.Name,
            outcome = report.Outcome,
            startedUtc = report.StartedUtc,
            durationSeconds = Math.Round(report.Duration.TotalSeconds, 1),
            machine = report.Machine,
            options = new { report.Options.Clients, report.Options.Quick },
            rows = report.Rows.Select(r => r with
            {
                Seconds = Math.Round(r.Seconds, 3),
                Rate = Round(r.Rate), P50Ms = Round(r.P50Ms), P95Ms = Round(r.P95Ms), P99Ms = Round(r.P99Ms), MaxMs = Round(r.MaxMs), CpuMsPerOp = Round(r.CpuMsPerOp),
            }),
            checks = report.Checks,
            notes = report.Notes,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options) + "\n");
        return path;
    }

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 3) : null;
}
