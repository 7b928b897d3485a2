using Liqo.Sandbox;

// Liqo.Sandbox --path DIR [--cluster consumer,provider]
// Starts one sandbox cluster per name, writes DIR/<name>.kubeconfig (admin), DIR/<name>.audit.jsonl and, once all serve,
// DIR/ready; follows DIR/<name>.faults.json for fault rules; runs until Ctrl+C/SIGTERM, then removes DIR/ready.
string? dir = null;
var names = new List<string> { "consumer", "provider" };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--path" when i + 1 < args.Length:
            dir = args[++i];
            break;
        case "--cluster" when i + 1 < args.Length:
            names = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            break;
        default:
            Console.Error.WriteLine($"unknown argument: {args[i]}");
            Console.Error.WriteLine("usage: Liqo.Sandbox --path DIR [--cluster consumer,provider]");
            return 2;
    }
}
if (dir is null || names.Count == 0 || names.Distinct().Count() != names.Count)
{
    Console.Error.WriteLine("usage: Liqo.Sandbox --path DIR [--cluster consumer,provider]");
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

var clusters = new List<SandboxCluster>();
var watchers = new List<Task>();
try
{
    foreach (var name in names)
    {
        var cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = name, Directory = dir }, stop.Token);
        clusters.Add(cluster);
        watchers.Add(cluster.Faults.WatchFileAsync(Path.Combine(dir, name + ".faults.json"), msg => Console.Error.WriteLine(msg), stop.Token));
        Console.WriteLine($"{name}: {cluster.Server} kubeconfig={cluster.KubeconfigPath}");
    }

    // The Liqo installation (CRDs, namespaces, simulated controllers) goes here, once per cluster, before "ready".

    await File.WriteAllTextAsync(readyFile, string.Join("\n", clusters.Select(c => $"{c.Name} {c.Server} {c.KubeconfigPath}")) + "\n");
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
    foreach (var c in clusters) await c.DisposeAsync();
    try
    {
        await Task.WhenAll(watchers);
    }
    catch (OperationCanceledException)
    {
    }
}
return 0;
