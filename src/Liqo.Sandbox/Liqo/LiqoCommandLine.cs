using System.Collections.Immutable;
using System.Globalization;

namespace Liqo.Sandbox.Liqo;

/// <summary>
/// The sandbox program's Liqo options. A knob applies to every cluster, or to one when written CLUSTER=VALUE (for
/// switches: the cluster name as value):
/// --bare | --not-installed CLUSTER | --liqo-version [C=]TAG | --cluster-id C=ID | --rsa-keys [C] | --overlapping-cidrs |
/// --unhealthy-pod [C=]DEPLOYMENT | --latency [C=]DURATION | --controller-latency [C=]CONTROLLER=DURATION |
/// --disable-controller [C=]CONTROLLER | --failed-pod [C=][NAMESPACE/]POD (repeatable) | --fail [C=]MODE (signature-rejected, tenant-cordoned, tunnel-never-established,
/// gateway-never-ready, replication-blocked, auth-params-failing, remote-namespace-failing) | --liqo-crds DIR | --own-crds.
/// </summary>
public static class LiqoCommandLine
{
    public const string Usage =
        "[--bare] [--not-installed C] [--liqo-version [C=]TAG] [--cluster-id C=ID] [--rsa-keys [C]] [--overlapping-cidrs] " +
        "[--unhealthy-pod [C=]DEPLOYMENT] [--latency [C=]DURATION] [--controller-latency [C=]CONTROLLER=DURATION] " +
        "[--disable-controller [C=]CONTROLLER] [--failed-pod [C=][NAMESPACE/]POD] [--fail [C=]signature-rejected|tenant-cordoned|tunnel-never-established|gateway-never-ready|replication-blocked|auth-params-failing|remote-namespace-failing] " +
        "[--liqo-crds DIR | --own-crds]";

    /// <summary>
    /// Applies one option at args[i] (consuming its value); returns false when it is not a Liqo option; throws
    /// <see cref="ArgumentException"/> for a bad value.
    /// </summary>
    public static bool TryApply(string[] args, ref int i, IReadOnlyList<string> names, ref LiqoSandboxOptions options, ref string? crdDirectory)
    {
        string Next(ref int j) => j + 1 < args.Length ? args[++j] : throw new ArgumentException($"{args[j]} needs a value");
        var o = options;
        switch (args[i])
        {
            case "--bare":
                options = Every(o, names, x => x with { Installed = false });
                return true;
            case "--not-installed":
            {
                var c = Next(ref i);
                options = One(o, names, c, x => x with { Installed = false });
                return true;
            }
            case "--overlapping-cidrs":
                options = o with { OverlappingCidrs = true };
                return true;
            case "--liqo-crds":
                crdDirectory = Path.GetFullPath(Next(ref i));
                return true;
            case "--own-crds":
                options = o with { OwnCrds = true };
                return true;
            case "--rsa-keys":
            {
                if (i + 1 < args.Length && names.Contains(args[i + 1]))
                    options = One(o, names, args[++i], x => x with { KeyAlgorithm = LiqoKeyAlgorithm.Rsa2048 });
                else options = Every(o, names, x => x with { KeyAlgorithm = LiqoKeyAlgorithm.Rsa2048 });
                return true;
            }
            case "--liqo-version":
                options = Scoped(o, names, Next(ref i), (x, v) => x with { LiqoVersion = v });
                return true;
            case "--cluster-id":
            {
                var (c, id) = Split(Next(ref i), names, required: true);
                options = One(o, names, c!, x => x with { ClusterId = id });
                return true;
            }
            case "--unhealthy-pod":
                options = Scoped(o, names, Next(ref i), (x, v) => x with { UnhealthyPod = v });
                return true;
            case "--latency":
                options = Scoped(o, names, Next(ref i), (x, v) => x with { Latency = Duration(v) });
                return true;
            case "--controller-latency":
                options = Scoped(o, names, Next(ref i), (x, v) =>
                {
                    var eq = v.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--controller-latency wants CONTROLLER=DURATION, not \"{v}\"");
                    return x with { ControllerLatencies = x.ControllerLatencies.SetItem(v[..eq], Duration(v[(eq + 1)..])) };
                });
                return true;
            case "--disable-controller":
                options = Scoped(o, names, Next(ref i), (x, v) => x with { DisabledControllers = x.DisabledControllers.Add(v) });
                return true;
            case "--failed-pod":
                options = Scoped(o, names, Next(ref i), (x, v) => x with { FailedPods = x.FailedPods.Add(v) });
                return true;
            case "--fail":
                options = Scoped(o, names, Next(ref i), (x, v) => v switch
                {
                    "signature-rejected" => x with { SignatureRejected = true },
                    "tenant-cordoned" => x with { TenantCordoned = true },
                    "tunnel-never-established" => x with { TunnelNeverEstablished = true },
                    "gateway-never-ready" => x with { GatewayPodNeverReady = true },
                    "replication-blocked" => x with { CrdReplicationBlocked = true },
                    "auth-params-failing" => x with { AuthParamsFailing = true },
                    "remote-namespace-failing" => x with { RemoteNamespaceCreationFailing = true },
                    _ => throw new ArgumentException($"unknown failure mode \"{v}\""),
                });
                return true;
            default:
                return false;
        }
    }

    /// <summary>"250ms", "2s", "1m", "1h" or a TimeSpan ("00:00:01").</summary>
    public static TimeSpan Duration(string text)
    {
        var units = new (string Suffix, double Ms)[] { ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000) };
        foreach (var (suffix, ms) in units)
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
                return TimeSpan.FromMilliseconds(n * ms);
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero
            ? t : throw new ArgumentException($"invalid duration \"{text}\" (use e.g. 250ms, 2s, 1m)");
    }

    private static (string? Cluster, string Value) Split(string text, IReadOnlyList<string> names, bool required = false)
    {
        var eq = text.IndexOf('=');
        if (eq > 0 && names.Contains(text[..eq])) return (text[..eq], text[(eq + 1)..]);
        if (required) throw new ArgumentException($"\"{text}\" does not start with a cluster name (CLUSTER=VALUE)");
        return (null, text);
    }

    private static LiqoSandboxOptions Scoped(LiqoSandboxOptions o, IReadOnlyList<string> names, string text, Func<LiqoOptions, string, LiqoOptions> change)
    {
        var (c, v) = Split(text, names);
        return c is null ? Every(o, names, x => change(x, v)) : One(o, names, c, x => change(x, v));
    }

    private static LiqoSandboxOptions Every(LiqoSandboxOptions o, IReadOnlyList<string> names, Func<LiqoOptions, LiqoOptions> change) =>
        o with
        {
            Defaults = change(o.Defaults),
            Clusters = o.Clusters.ToImmutableDictionary(p => p.Key, p => change(p.Value)),
        };

    private static LiqoSandboxOptions One(LiqoSandboxOptions o, IReadOnlyList<string> names, string cluster, Func<LiqoOptions, LiqoOptions> change)
    {
        if (!names.Contains(cluster)) throw new ArgumentException($"unknown cluster \"{cluster}\" (clusters: {string.Join(", ", names)})");
        return o with { Clusters = o.Clusters.SetItem(cluster, change(o.For(cluster))) };
    }
}
