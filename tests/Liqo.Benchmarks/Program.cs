using System.Globalization;
using Liqo.Benchmarks;

// Liqo.Benchmarks <name> [--clients N] [--quick] [--keep] [--out DIR]  |  list
// Runs one benchmark, prints its results table on stdout (progress on stderr) and writes <out>/<name>.json.
// Exit codes: 0 done, 1 a checked property failed, 2 usage, 3 the run failed, 124 the run overran its time bound.

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Usage(Console.Out);
    return args.Length == 0 ? 2 : 0;
}
if (args[0] == Liqo.Benchmarks.Info.InfoWorker.Command) return await Liqo.Benchmarks.Info.InfoWorker.RunAsync(args);
if (args[0] == "list")
{
    foreach (var b in BenchmarkRegistry.All) Console.WriteLine($"{b.Name,-10} {b.Description} (at most {b.TimeBound.TotalSeconds:F0} s)");
    return 0;
}

var benchmark = BenchmarkRegistry.Find(args[0]);
if (benchmark is null)
{
    Console.Error.WriteLine($"Unknown benchmark '{args[0]}'. Known: {string.Join(", ", BenchmarkRegistry.All.Select(b => b.Name))}.");
    return 2;
}
var options = new BenchmarkOptions();
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            options = options with { Quick = true };
            break;
        case "--keep":
            options = options with { Keep = true };
            break;
        case "--clients" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64:
            options = options with { Clients = n };
            i++;
            break;
        case "--out" when i + 1 < args.Length:
            options = options with { OutputDirectory = args[++i] };
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
            Usage(Console.Error);
            return 2;
    }
}

var report = new BenchmarkReport(benchmark.Name, MachineInfo.Describe(), options);
var work = Directory.CreateTempSubdirectory($"liqo-bench-{benchmark.Name}-").FullName;
var context = new BenchmarkContext(work, options, report, Console.Error);
using var bound = new CancellationTokenSource(benchmark.TimeBound);
// The hard stop: a run that ignores its cancellation still ends, 30 s after its bound.
using var watchdog = new Timer(_ =>
{
    Console.Error.WriteLine($"Benchmark '{benchmark.Name}' overran its time bound of {benchmark.TimeBound.TotalSeconds:F0} s; stopping the process.");
    Environment.Exit(124);
}, null, benchmark.TimeBound + TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    bound.Cancel();
};

context.Log($"Benchmark '{benchmark.Name}' on {report.Machine.Summary}");
context.Log($"Bounded to {benchmark.TimeBound.TotalSeconds:F0} s; work directory {work}");
var clock = System.Diagnostics.Stopwatch.StartNew();
var exit = 0;
try
{
    await benchmark.RunAsync(context, bound.Token);
    report.Outcome = "completed";
}
catch (OperationCanceledException) when (bound.IsCancellationRequested)
{
    report.Outcome = "stopped at its time bound (partial results)";
    exit = 3;
}
catch (Exception e)
{
    report.Outcome = "failed: " + e.GetType().Name + ": " + e.Message;
    Console.Error.WriteLine(e);
    exit = 3;
}
report.Duration = clock.Elapsed;
if (exit == 0 && report.Checks.Any(c => !c.Passed)) exit = 1;

Console.WriteLine(ResultTable.Render(report));
var json = ReportJson.Write(report, options.OutputDirectory);
Console.WriteLine("Results written to " + Path.GetFullPath(json));
if (!options.Keep)
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}
else Console.WriteLine("Work directory kept: " + work);
return exit;

static void Usage(TextWriter w)
{
    w.WriteLine("Usage: Liqo.Benchmarks <name> [--clients N] [--quick] [--keep] [--out DIR]");
    w.WriteLine("       Liqo.Benchmarks list");
    w.WriteLine("  --clients N  concurrent clients for throughput cases (default 4)");
    w.WriteLine("  --quick      a tenth of the counts, a fifth of the durations (checks the harness; numbers mean little)");
    w.WriteLine("  --keep       keep the work directory (kubeconfigs, audit logs)");
    w.WriteLine("  --out DIR    where <name>.json goes (default out/bench)");
    w.WriteLine("Benchmarks: " + string.Join(", ", BenchmarkRegistry.All.Select(b => b.Name)));
}
