using System.Net;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>The benchmark talks to 127.0.0.1 only: every client endpoint is checked before use.</summary>
internal static class LoopbackOnly
{
    public static IPAddress Check(string host)
    {
        if (!IPAddress.TryParse(host, out var ip) || !ip.Equals(IPAddress.Loopback))
            throw new InvalidOperationException($"The benchmark talks to 127.0.0.1 only, not to '{host}'.");
        return ip;
    }

    public static Uri Check(Uri server)
    {
        Check(server.Host);
        return server;
    }
}
