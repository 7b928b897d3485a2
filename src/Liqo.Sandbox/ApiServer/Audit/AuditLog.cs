using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Audit;

/// <summary>
/// The audit log: one audit.k8s.io/v1 Event per request (stage ResponseComplete) as a JSON line in
/// &lt;dir&gt;/&lt;cluster&gt;.audit.jsonl. Holds no credentials: user name and groups only.
/// </summary>
internal sealed class AuditLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;

    public AuditLog(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    public string Path { get; }

    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public void Write(JsonObject auditEvent)
    {
        var bytes = Encoding.UTF8.GetBytes(ServerJson.ToText(auditEvent) + "\n");
        lock (_gate)
        {
            try
            {
                _file.Write(bytes);
                _file.Flush();
            }
            catch (ObjectDisposedException)
            {
                // the cluster is shutting down
            }
        }
    }

    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }
}
