using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>
/// Decodes a SelfSubjectAccessReview sent as application/vnd.kubernetes.protobuf (kubectl auth can-i uses the typed
/// client, which speaks protobuf): the "k8s\0" envelope (runtime.Unknown) and the review's spec. The answer is JSON,
/// which client-go accepts. Protobuf is not supported for anything else (415).
/// </summary>
internal static class ProtobufAccessReview
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual(Magic))
            throw ApiErrors.BadRequest("provided protobuf object does not begin with the k8s magic prefix");
        byte[]? raw = null;
        foreach (var (field, value) in Fields(body.AsSpan(4).ToArray()))
            if (field == 2) raw = value;
        if (raw is null) throw ApiErrors.BadRequest("the protobuf envelope carries no object");
        var spec = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            if (field != 2) continue;
            foreach (var (sf, sv) in Fields(value))
            {
                if (sf == 1) spec["resourceAttributes"] = Strings(sv, ["namespace", "verb", "group", "version", "resource", "subresource", "name"]);
                else if (sf == 2) spec["nonResourceAttributes"] = Strings(sv, ["path", "verb"]);
            }
        }
        return new JsonObject { ["apiVersion"] = "authorization.k8s.io/v1", ["kind"] = "SelfSubjectAccessReview", ["spec"] = spec };
    }

    private static JsonObject Strings(byte[] message, string[] names)
    {
        var o = new JsonObject();
        foreach (var (f, v) in Fields(message))
            if (f >= 1 && f <= names.Length) o[names[f - 1]] = Encoding.UTF8.GetString(v);
        return o;
    }

    /// <summary>The length-delimited fields of a message (varint and fixed fields are skipped).</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] data)
    {
        var i = 0;
        while (i < data.Length)
        {
            var key = ReadVarint(data, ref i);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    ReadVarint(data, ref i);
                    break;
                case 1:
                    i += 8;
                    break;
                case 5:
                    i += 4;
                    break;
                case 2:
                    var len = (int)ReadVarint(data, ref i);
                    if (len < 0 || i + len > data.Length) throw ApiErrors.BadRequest("malformed protobuf");
                    yield return (field, data[i..(i + len)]);
                    i += len;
                    break;
                default:
                    throw ApiErrors.BadRequest("malformed protobuf");
            }
        }
    }

    private static ulong ReadVarint(byte[] data, ref int i)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (i >= data.Length) throw ApiErrors.BadRequest("malformed protobuf");
            var b = data[i++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw ApiErrors.BadRequest("malformed protobuf");
    }
}
