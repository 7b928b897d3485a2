using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Benchmarks.Audit;

/// <summary>
/// Reads a sandbox cluster's audit log (one audit.k8s.io/v1 Event per line, written when the request completes) from
/// where the previous read stopped: <see cref="Next"/> returns the requests completed since.
/// </summary>
public sealed class AuditTail(string path)
{
    private long _offset = new FileInfo(path).Exists ? new FileInfo(path).Length : 0;

    /// <summary>The complete lines written since the last call (a line still being written is left for the next call).</summary>
    public IReadOnlyList<AuditRequest> Next()
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        file.Seek(_offset, SeekOrigin.Begin);
        var bytes = new byte[file.Length - _offset];
        file.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0) return [];
        _offset += end + 1;
        var result = new List<AuditRequest>();
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var ev = JsonNode.Parse(line)!.AsObject();
            var objectRef = ev["objectRef"] as JsonObject;
            result.Add(new AuditRequest(
                (string?)ev["verb"] ?? "", (string?)ev["requestURI"] ?? "", (string?)ev["userAgent"] ?? "",
                Parse((string?)ev["requestReceivedTimestamp"]), Parse((string?)ev["stageTimestamp"]),
                (string?)objectRef?["resource"], (string?)objectRef?["namespace"], (string?)objectRef?["name"], (string?)objectRef?["resourceVersion"]));
        }
        return result;
    }

    private static DateTimeOffset Parse(string? s) =>
        s is null ? default : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
