using Liqo.Sandbox.Liqo;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>The sandbox program's Liqo options.</summary>
public sealed class CommandLineTests
{
    private static (LiqoSandboxOptions Options, string? Crds) Parse(params string[] args)
    {
        var options = new LiqoSandboxOptions();
        string? crds = null;
        for (var i = 0; i < args.Length; i++)
            Assert.True(LiqoCommandLine.TryApply(args, ref i, ["consumer", "provider"], ref options, ref crds), args[i]);
        return (options, crds);
    }

    [Fact]
    public void KnobsApplyToAllClustersOrToOne()
    {
        var (o, crds) = Parse("--liqo-version", "v1.1.0", "--fail", "provider=tunnel-never-established", "--rsa-keys", "consumer",
            "--latency", "250ms", "--controller-latency", "provider=tenant=2s", "--overlapping-cidrs", "--cluster-id", "consumer=rome",
            "--unhealthy-pod", "liqo-proxy", "--not-installed", "provider", "--liqo-crds", "/tmp/crds");
        var consumer = o.For("consumer");
        var provider = o.For("provider");
        Assert.Equal("v1.1.0", consumer.LiqoVersion);
        Assert.Equal("v1.1.0", provider.LiqoVersion);
        Assert.False(consumer.TunnelNeverEstablished);
        Assert.True(provider.TunnelNeverEstablished);
        Assert.Equal(LiqoKeyAlgorithm.Rsa2048, consumer.KeyAlgorithm);
        Assert.Equal(LiqoKeyAlgorithm.Ed25519, provider.KeyAlgorithm);
        Assert.Equal(TimeSpan.FromMilliseconds(250), consumer.Latency);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.LatencyOf("tenant"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), provider.LatencyOf("identity"));
        Assert.True(o.OverlappingCidrs);
        Assert.Equal("rome", consumer.ClusterId);
        Assert.Equal("liqo-proxy", provider.UnhealthyPod);
        Assert.True(consumer.Installed);
        Assert.False(provider.Installed);
        Assert.Equal("/tmp/crds", crds);
    }

    [Fact]
    public void BadValuesAreRefused()
    {
        var options = new LiqoSandboxOptions();
        string? crds = null;
        string[][] bad = [["--fail", "explode"], ["--latency", "soon"], ["--cluster-id", "rome"], ["--not-installed", "nobody"], ["--liqo-version"]];
        foreach (var args in bad)
        {
            var i = 0;
            Assert.Throws<ArgumentException>(() => LiqoCommandLine.TryApply(args, ref i, ["consumer", "provider"], ref options, ref crds));
        }
        var j = 0;
        Assert.False(LiqoCommandLine.TryApply(["--frobnicate"], ref j, ["consumer"], ref options, ref crds));
    }

    [Fact]
    public void TheRemoteNamespaceFailureAppliesToTheNamedProvider()
    {
        var (o, _) = Parse("--fail", "provider=remote-namespace-failing");
        Assert.True(o.For("provider").RemoteNamespaceCreationFailing);
        Assert.False(o.For("consumer").RemoteNamespaceCreationFailing);
        Assert.Contains("remote-namespace-failing", LiqoCommandLine.Usage, StringComparison.Ordinal);
    }
}
