using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. EXTERNAL-IP follows the server's rules per type
/// (&lt;none&gt;, load-balancer ingress then externalIPs, &lt;pending&gt;, the externalName); ports read "80/TCP" or "80:30080/TCP".
/// </summary>
internal sealed class ServiceTablePrinter : ColumnTablePrinter
{
    private static readonly TableColumn[] ServiceColumns =
    [
        TableColumn.NameColumn(),
        new("Type", "string", "", ApiDescriptions.ServiceSpecType),
        new("Cluster-IP", "string", "", ApiDescriptions.ServiceSpecClusterIP),
        new("External-IP", "string", "", ApiDescriptions.ServiceSpecExternalIPs),
        new("Port(s)", "string", "", ApiDescriptions.ServiceSpecPorts),
        TableColumn.AgeColumn(),
        new("Selector", "string", "", ApiDescriptions.ServiceSpecSelector, 1),
    ];

    protected override IReadOnlyList<TableColumn> Columns => ServiceColumns;

    public override JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var clusterIP = ObjectFields.Strings(obj, "spec", "clusterIPs").FirstOrDefault()
            ?? (ObjectFields.String(obj, "spec", "clusterIP") is { Length: > 0 } single ? single : "<none>");
        var ports = string.Join(",", ObjectFields.Objects(obj, "spec", "ports").Select(p =>
        {
            var port = ObjectFields.Integer(p, "port").ToString(CultureInfo.InvariantCulture);
            var nodePort = ObjectFields.Integer(p, "nodePort");
            var protocol = ObjectFields.String(p, "protocol") is { Length: > 0 } given ? given : "TCP";
            return nodePort > 0 ? $"{port}:{nodePort}/{protocol}" : $"{port}/{protocol}";
        }));
        return Row(
            ObjectFields.Name(obj),
            Type(obj),
            clusterIP,
            ExternalIP(obj),
            ports.Length == 0 ? "<none>" : ports,
            ObjectFields.Age(obj, now),
            ObjectFields.FormatLabels(ObjectFields.StringMap(obj, "spec", "selector")));
    }

    // SetDefaults_Service runs on every decode, so a stored service without a type reads as ClusterIP.
    private static string Type(JsonObject service) =>
        ObjectFields.String(service, "spec", "type") is { Length: > 0 } type ? type : "ClusterIP";

    private static string ExternalIP(JsonObject service)
    {
        var externalIPs = ObjectFields.Strings(service, "spec", "externalIPs").ToList();
        switch (Type(service))
        {
            case "ClusterIP" or "NodePort":
                return externalIPs.Count > 0 ? string.Join(",", externalIPs) : "<none>";
            case "LoadBalancer":
                // The server prints the wide (unclipped) form: sorted, de-duplicated ingress IPs or hostnames.
                var ingress = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var entry in ObjectFields.Objects(service, "status", "loadBalancer", "ingress"))
                {
                    var ip = ObjectFields.String(entry, "ip");
                    var hostname = ObjectFields.String(entry, "hostname");
                    if (ip.Length > 0)
                        ingress.Add(ip);
                    else if (hostname.Length > 0)
                        ingress.Add(hostname);
                }
                if (externalIPs.Count > 0)
                    return string.Join(",", ingress.Concat(externalIPs));
                return ingress.Count > 0 ? string.Join(",", ingress) : "<pending>";
            case "ExternalName":
                return ObjectFields.String(service, "spec", "externalName");
            default:
                return "<unknown>";
        }
    }
}
