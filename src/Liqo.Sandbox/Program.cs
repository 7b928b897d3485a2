using Liqo.Sandbox.Liqo;

// Liqo.Sandbox --path DIR [--cluster consumer,provider] [Liqo options, see LiqoCommandLine.Usage]
// Starts one sandbox cluster per name, each with a simulated Liqo v1.2 installation unless --bare, on one shared simulated
// network; writes DIR/<name>.kubeconfig (admin), DIR/<name>.audit.jsonl and, once all serve, DIR/ready; follows
// DIR/<name>.faults.json for fault rules and DIR/<name>.liqo.json for Liqo knobs (a JSON array of the options below);
// runs until Ctrl+C/SIGTERM, then removes DIR/ready.
string? dir = null;
var names = new List<string> { "consumer", "provider" };
// The cluster list comes first, so that per-cluster options (CLUSTER=VALUE) can be checked against it.
for (var i = 0; i + 1 < args.Length; i++)
    if (args[i] == "--cluster") names = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
var usage = "usage: Liqo.Sandbox --path DIR [--cluster consumer,provider] " + LiqoCommandLine.Usage;
var options = new LiqoSandboxOptions();
string? crdDirectory = null;
for (var i = 0; i < args.Length; i++)
{
    try
    {
        switch (args[i])
        {
            case "--path" when i + 1 < args.Length:
                dir = args[++i];
                break;
            case "--cluster" when i + 1 < args.Length:
                i++;
                break;
            default:
                if (LiqoCommandLine.TryApply(args, ref i, names, ref options, ref crdDirectory)) break;
                Console.Error.WriteLine($"unknown argument: {args[i]}");
                Console.Error.WriteLine(usage);
                return 2;
        }
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(usage);
        return 2;
    }
}
if (dir is null || names.Count == 0 || names.Distinct().Count() != names.Count)
{
    Console.Error.WriteLine(usage);
    return 2;
}
dir = Path.GetFullPath(dir);
Directory.CreateDirectory(dir);
var readyFile = Path.Combine(dir, "ready");
File.Delete(readyFile);

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    stop.Cancel();
});

LiqoSandbox? sandbox = null;
var watchers = new List<Task>();
try
{
    sandbox = await LiqoSandbox.StartAsync(dir, names, options, crdDirectory, stop.Token);
    foreach (var cluster in sandbox.Clusters)
    {
        watchers.Add(cluster.Cluster.Faults.WatchFileAsync(Path.Combine(dir, cluster.Name + ".faults.json"), msg => Console.Error.WriteLine(msg), stop.Token));
        if (cluster.Installed)
            watchers.Add(LiqoKnobsFile.WatchAsync(cluster, Path.Combine(dir, cluster.Name + ".liqo.json"), msg => Console.Error.WriteLine(msg), stop.Token));
        var liqo = cluster.Installed ? $" liqo={cluster.Options.LiqoVersion} cluster-id={cluster.ClusterId}" : " bare";
        Console.WriteLine($"{cluster.Name}: {cluster.Server} kubeconfig={cluster.KubeconfigPath}{liqo}");
    }

    await File.WriteAllTextAsync(readyFile, string.Join("\n", sandbox.Clusters.Select(c => $"{c.Name} {c.Server} {c.KubeconfigPath}")) + "\n");
    Console.WriteLine($"ready: {readyFile}");
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}
finally
{
    File.Delete(readyFile);
    stop.Cancel();
    if (sandbox is not null) await sandbox.DisposeAsync();
    try
    {
        await Task.WhenAll(watchers);
    }
    catch (OperationCanceledException)
    {
    }
}
return 0;
