using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// liqo-ipam: gives every ipam.liqo.io Network its status.cidr (the installed ones and those marked not-remapped keep
/// their spec CIDR; a remote CIDR that overlaps anything already in use is remapped to the first free block of the same
/// size from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) and every IP its status.ip from the external CIDR.
/// </summary>
internal sealed class IpamController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "ipam";
    public override string Component => "liqo-ipam";

    protected override void Reconcile()
    {
        var networks = List(Kind.Network);
        var used = networks.Select(n => SimulatedCidr.Parse(Obj.Str(n, "status", "cidr")))
            .Where(c => c is not null).Select(c => c!.Value).ToList();
        static bool Keep(JsonObject n) => Obj.Label(n, LiqoLabels.NetworkNotRemapped) == "true" || Obj.Annotation(n, "liqo.io/preinstalled") == "true";
        foreach (var net in networks.OrderBy(n => Keep(n) ? 0 : 1))
        {
            if (Obj.Deleting(net) || Obj.Str(net, "status", "cidr") is { Length: > 0 }) continue;
            if (SimulatedCidr.Parse(Obj.Str(net, "spec", "cidr")) is not { } wanted || !Due(net, "allocate")) continue;
            var assigned = Keep(net) || !used.Any(u => u.Overlaps(wanted)) ? wanted
                : SimulatedCidr.AllocateLike(wanted, used);
            if (assigned is not { } cidr) continue;
            Obj.Set(net, cidr.ToString(), "status", "cidr");
            if (UpdateStatus(Kind.Network, net) is not null) used.Add(cidr);
        }

        var external = networks.FirstOrDefault(n => Obj.Ns(n) == Options.Namespace && Obj.Label(n, LiqoLabels.NetworkType) == "external-cidr");
        if (SimulatedCidr.Parse(Obj.Str(external, "status", "cidr")) is not { } ext) return;
        var ips = List(Kind.Ip);
        var taken = ips.Select(i => Obj.Str(i, "status", "ip")).Where(s => s is not null).ToHashSet(StringComparer.Ordinal);
        var preAllocated = (uint)(Obj.Long(external, "spec", "preAllocated") ?? 0);
        foreach (var ip in ips)
        {
            if (Obj.Deleting(ip) || Obj.Str(ip, "status", "ip") is { Length: > 0 } || !Due(ip, "allocate")) continue;
            for (var n = 1 + preAllocated; n < ext.Size - 1; n++)
            {
                var candidate = ext.AddressAt(n);
                if (taken.Contains(candidate)) continue;
                Obj.Set(ip, candidate, "status", "ip");
                Obj.Set(ip, ext.ToString(), "status", "cidr");
                if (UpdateStatus(Kind.Ip, ip) is not null) taken.Add(candidate);
                break;
            }
        }
    }
}
