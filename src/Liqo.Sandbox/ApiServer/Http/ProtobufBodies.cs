using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>
/// Decodes request bodies sent as application/vnd.kubernetes.protobuf by kubectl's typed clients (kubectl create
/// namespace/configmap/secret/serviceaccount/role/rolebinding/clusterrole/clusterrolebinding, kubectl auth can-i,
/// kubectl certificate approve/deny, kubectl create deployment, kubectl expose / create service, kubectl create pdb, the
/// Eviction of kubectl drain) into
/// JSON: the "k8s\0" envelope (runtime.Unknown) and the fields of those kinds (k8s.io/api generated.proto numbering).
/// Answers stay JSON, which client-go accepts. Other kinds in protobuf get 415.
/// </summary>
internal static class ProtobufBodies
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    /// <summary>Opt*: Go fields whose zero value JSON omits (omitempty), dropped when zero; IntOrStr: intstr.IntOrString.</summary>
    private enum K { Str, Bytes, Bool, Int, Msg, MapStr, MapBytes, Strs, Msgs, Time, OptStr, OptBool, OptInt, IntOrStr }

    private sealed record F(string Name, K Kind, Dictionary<int, F>? Message = null);

    private static Dictionary<int, F> M(params (int N, F F)[] fields) => fields.ToDictionary(x => x.N, x => x.F);

    private static readonly Dictionary<int, F> OwnerReference = M(
        (1, new F("kind", K.Str)), (3, new F("name", K.Str)), (4, new F("uid", K.Str)), (5, new F("apiVersion", K.Str)),
        (6, new F("controller", K.Bool)), (7, new F("blockOwnerDeletion", K.Bool)));

    private static readonly Dictionary<int, F> ObjectMeta = M(
        (1, new F("name", K.OptStr)), (2, new F("generateName", K.OptStr)), (3, new F("namespace", K.OptStr)), (5, new F("uid", K.OptStr)),
        (6, new F("resourceVersion", K.OptStr)), (11, new F("labels", K.MapStr)), (12, new F("annotations", K.MapStr)),
        (13, new F("ownerReferences", K.Msgs, OwnerReference)), (14, new F("finalizers", K.Strs)));

    private static readonly Dictionary<int, F> PolicyRule = M(
        (1, new F("verbs", K.Strs)), (2, new F("apiGroups", K.Strs)), (3, new F("resources", K.Strs)),
        (4, new F("resourceNames", K.Strs)), (5, new F("nonResourceURLs", K.Strs)));

    private static readonly Dictionary<int, F> Subject = M(
        (1, new F("kind", K.Str)), (2, new F("apiGroup", K.Str)), (3, new F("name", K.Str)), (4, new F("namespace", K.Str)));

    private static readonly Dictionary<int, F> RoleRef = M((1, new F("apiGroup", K.Str)), (2, new F("kind", K.Str)), (3, new F("name", K.Str)));

    private static readonly Dictionary<int, F> LocalObjectReference = M((1, new F("name", K.Str)));

    private static readonly Dictionary<int, F> CsrCondition = M(
        (1, new F("type", K.Str)), (6, new F("status", K.Str)), (2, new F("reason", K.Str)), (3, new F("message", K.Str)),
        (4, new F("lastUpdateTime", K.Time)), (5, new F("lastTransitionTime", K.Time)));

    private static readonly Dictionary<int, F> LabelSelector = M(
        (1, new F("matchLabels", K.MapStr)),
        (2, new F("matchExpressions", K.Msgs, M((1, new F("key", K.OptStr)), (2, new F("operator", K.OptStr)), (3, new F("values", K.Strs))))));

    private static readonly Dictionary<int, F> Container = M(
        (1, new F("name", K.OptStr)), (2, new F("image", K.OptStr)), (3, new F("command", K.Strs)), (4, new F("args", K.Strs)),
        (5, new F("workingDir", K.OptStr)),
        (6, new F("ports", K.Msgs, M((1, new F("name", K.OptStr)), (2, new F("hostPort", K.OptInt)), (3, new F("containerPort", K.Int)),
            (4, new F("protocol", K.OptStr)), (5, new F("hostIP", K.OptStr))))),
        (7, new F("env", K.Msgs, M((1, new F("name", K.OptStr)), (2, new F("value", K.OptStr))))),
        (8, new F("resources", K.Msg, M())),
        (13, new F("terminationMessagePath", K.OptStr)), (14, new F("imagePullPolicy", K.OptStr)),
        (16, new F("stdin", K.OptBool)), (18, new F("tty", K.OptBool)), (20, new F("terminationMessagePolicy", K.OptStr)));

    private static readonly Dictionary<int, F> PodSpec = M(
        (2, new F("containers", K.Msgs, Container)), (3, new F("restartPolicy", K.OptStr)), (4, new F("terminationGracePeriodSeconds", K.Int)),
        (6, new F("dnsPolicy", K.OptStr)), (7, new F("nodeSelector", K.MapStr)), (8, new F("serviceAccountName", K.OptStr)),
        (10, new F("nodeName", K.OptStr)), (19, new F("schedulerName", K.OptStr)), (20, new F("initContainers", K.Msgs, Container)),
        (22, new F("tolerations", K.Msgs, M((1, new F("key", K.OptStr)), (2, new F("operator", K.OptStr)), (3, new F("value", K.OptStr)),
            (4, new F("effect", K.OptStr)), (5, new F("tolerationSeconds", K.Int))))));

    private static readonly Dictionary<int, F> PodTemplateSpec = M((1, new F("metadata", K.Msg, ObjectMeta)), (2, new F("spec", K.Msg, PodSpec)));

    private static readonly Dictionary<string, Dictionary<int, F>> Kinds = new()
    {
        ["apps/deployments"] = M((1, new F("metadata", K.Msg, ObjectMeta)),
            (2, new F("spec", K.Msg, M((1, new F("replicas", K.Int)), (2, new F("selector", K.Msg, LabelSelector)),
                (3, new F("template", K.Msg, PodTemplateSpec)),
                (4, new F("strategy", K.Msg, M((1, new F("type", K.OptStr))))),
                (5, new F("minReadySeconds", K.OptInt)), (6, new F("revisionHistoryLimit", K.Int)), (7, new F("paused", K.OptBool)),
                (9, new F("progressDeadlineSeconds", K.Int)))))),
        ["/services"] = M((1, new F("metadata", K.Msg, ObjectMeta)),
            (2, new F("spec", K.Msg, M(
                (1, new F("ports", K.Msgs, M((1, new F("name", K.OptStr)), (2, new F("protocol", K.OptStr)), (3, new F("port", K.Int)),
                    (4, new F("targetPort", K.IntOrStr)), (5, new F("nodePort", K.OptInt)), (6, new F("appProtocol", K.OptStr))))),
                (2, new F("selector", K.MapStr)), (3, new F("clusterIP", K.OptStr)), (4, new F("type", K.OptStr)),
                (5, new F("externalIPs", K.Strs)), (7, new F("sessionAffinity", K.OptStr)), (10, new F("externalName", K.OptStr)),
                (11, new F("externalTrafficPolicy", K.OptStr)), (13, new F("publishNotReadyAddresses", K.OptBool)),
                (17, new F("ipFamilyPolicy", K.OptStr)), (22, new F("internalTrafficPolicy", K.OptStr)))))),
        ["certificates.k8s.io/certificatesigningrequests"] = M((1, new F("metadata", K.Msg, ObjectMeta)),
            (2, new F("spec", K.Msg, M((1, new F("request", K.Bytes)), (7, new F("signerName", K.Str)), (8, new F("expirationSeconds", K.Int)),
                (5, new F("usages", K.Strs)), (2, new F("username", K.Str)), (3, new F("uid", K.Str)), (4, new F("groups", K.Strs))))),
            (3, new F("status", K.Msg, M((1, new F("conditions", K.Msgs, CsrCondition)), (2, new F("certificate", K.Bytes)))))),
        ["policy/poddisruptionbudgets"] = M((1, new F("metadata", K.Msg, ObjectMeta)),
            (2, new F("spec", K.Msg, M((1, new F("minAvailable", K.IntOrStr)), (2, new F("selector", K.Msg, LabelSelector)),
                (3, new F("maxUnavailable", K.IntOrStr)), (4, new F("unhealthyPodEvictionPolicy", K.OptStr)))))),
        // the body of pods/eviction (kubectl drain's typed client): policy/v1 Eviction with its DeleteOptions
        [EvictionKey] = M((1, new F("metadata", K.Msg, ObjectMeta)),
            (2, new F("deleteOptions", K.Msg, M((1, new F("gracePeriodSeconds", K.Int)),
                (2, new F("preconditions", K.Msg, M((1, new F("uid", K.OptStr)), (2, new F("resourceVersion", K.OptStr))))),
                (3, new F("orphanDependents", K.Bool)), (4, new F("propagationPolicy", K.OptStr)), (5, new F("dryRun", K.Strs)))))),
        ["/namespaces"] = M((1, new F("metadata", K.Msg, ObjectMeta)), (2, new F("spec", K.Msg, M((1, new F("finalizers", K.Strs)))))),
        ["/configmaps"] = M((1, new F("metadata", K.Msg, ObjectMeta)), (2, new F("data", K.MapStr)), (3, new F("binaryData", K.MapBytes)),
            (4, new F("immutable", K.Bool))),
        ["/secrets"] = M((1, new F("metadata", K.Msg, ObjectMeta)), (2, new F("data", K.MapBytes)), (3, new F("type", K.Str)),
            (4, new F("stringData", K.MapStr)), (5, new F("immutable", K.Bool))),
        ["/serviceaccounts"] = M((1, new F("metadata", K.Msg, ObjectMeta)), (3, new F("imagePullSecrets", K.Msgs, LocalObjectReference)),
            (4, new F("automountServiceAccountToken", K.Bool))),
        ["rbac.authorization.k8s.io/roles"] = M((1, new F("metadata", K.Msg, ObjectMeta)), (2, new F("rules", K.Msgs, PolicyRule))),
        ["rbac.authorization.k8s.io/clusterroles"] = M((1, new F("metadata", K.Msg, ObjectMeta)), (2, new F("rules", K.Msgs, PolicyRule))),
        ["rbac.authorization.k8s.io/rolebindings"] = M((1, new F("metadata", K.Msg, ObjectMeta)), (2, new F("subjects", K.Msgs, Subject)),
            (3, new F("roleRef", K.Msg, RoleRef))),
        ["rbac.authorization.k8s.io/clusterrolebindings"] = M((1, new F("metadata", K.Msg, ObjectMeta)), (2, new F("subjects", K.Msgs, Subject)),
            (3, new F("roleRef", K.Msg, RoleRef))),
        ["authorization.k8s.io/selfsubjectaccessreviews"] = M((2, new F("spec", K.Msg, M(
            (1, new F("resourceAttributes", K.Msg, M((1, new F("namespace", K.Str)), (2, new F("verb", K.Str)), (3, new F("group", K.Str)),
                (4, new F("version", K.Str)), (5, new F("resource", K.Str)), (6, new F("subresource", K.Str)), (7, new F("name", K.Str))))),
            (2, new F("nonResourceAttributes", K.Msg, M((1, new F("path", K.Str)), (2, new F("verb", K.Str))))))))),
    };

    /// <summary>The key of the Eviction body (a subresource's, not a stored type's).</summary>
    public const string EvictionKey = "policy/evictions";

    public static bool Supports(string typeKey) => Kinds.ContainsKey(typeKey);

    /// <summary>The JSON object for a protobuf body of a supported kind.</summary>
    public static JsonObject Decode(string typeKey, byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual(Magic))
            throw ApiErrors.BadRequest("provided protobuf object does not begin with the k8s magic prefix");
        byte[]? raw = null;
        string? apiVersion = null, kind = null;
        foreach (var (field, _, value) in Fields(body[4..]))
        {
            if (field == 2) raw = value;
            else if (field == 1)
                foreach (var (tf, _, tv) in Fields(value!))
                {
                    if (tf == 1) apiVersion = Encoding.UTF8.GetString(tv!);
                    else if (tf == 2) kind = Encoding.UTF8.GetString(tv!);
                }
        }
        if (raw is null) throw ApiErrors.BadRequest("the protobuf envelope carries no object");
        var obj = Message(raw, Kinds[typeKey]);
        if (apiVersion is not null) obj["apiVersion"] = apiVersion;
        if (kind is not null) obj["kind"] = kind;
        return obj;
    }

    private static JsonObject Message(byte[] data, Dictionary<int, F> schema)
    {
        var o = new JsonObject();
        foreach (var (field, varint, value) in Fields(data))
        {
            if (!schema.TryGetValue(field, out var f)) continue;
            switch (f.Kind)
            {
                case K.Str:
                    o[f.Name] = Encoding.UTF8.GetString(value ?? []);
                    break;
                case K.OptStr:
                    if (value is { Length: > 0 }) o[f.Name] = Encoding.UTF8.GetString(value);
                    break;
                case K.OptBool:
                    if (varint != 0) o[f.Name] = true;
                    break;
                case K.OptInt:
                    if (varint != 0) o[f.Name] = (long)varint;
                    break;
                case K.IntOrStr:
                    ulong type = 0, number = 0;
                    var text = "";
                    foreach (var (tf, tv, tb) in Fields(value ?? []))
                    {
                        if (tf == 1) type = tv;
                        else if (tf == 2) number = tv;
                        else if (tf == 3) text = Encoding.UTF8.GetString(tb ?? []);
                    }
                    o[f.Name] = type == 1 ? text : (long)number;
                    break;
                case K.Bytes:
                    o[f.Name] = Convert.ToBase64String(value ?? []);
                    break;
                case K.Bool:
                    o[f.Name] = varint != 0;
                    break;
                case K.Int:
                    o[f.Name] = (long)varint;
                    break;
                case K.Msg:
                    o[f.Name] = Message(value ?? [], f.Message!);
                    break;
                case K.Time:
                    long seconds = 0;
                    foreach (var (tf, tv, _) in Fields(value ?? []))
                        if (tf == 1) seconds = (long)tv;
                    o[f.Name] = ApiServer.ObjectMeta.Timestamp(DateTimeOffset.FromUnixTimeSeconds(seconds));
                    break;
                case K.Strs:
                    (o[f.Name] as JsonArray ?? (JsonArray)(o[f.Name] = new JsonArray())).Add(Encoding.UTF8.GetString(value ?? []));
                    break;
                case K.Msgs:
                    (o[f.Name] as JsonArray ?? (JsonArray)(o[f.Name] = new JsonArray())).Add(Message(value ?? [], f.Message!));
                    break;
                case K.MapStr or K.MapBytes:
                    var key = "";
                    byte[] entry = [];
                    foreach (var (ef, _, ev) in Fields(value ?? []))
                    {
                        if (ef == 1) key = Encoding.UTF8.GetString(ev ?? []);
                        else if (ef == 2) entry = ev ?? [];
                    }
                    var map = o[f.Name] as JsonObject ?? (JsonObject)(o[f.Name] = new JsonObject());
                    map[key] = f.Kind == K.MapStr ? Encoding.UTF8.GetString(entry) : Convert.ToBase64String(entry);
                    break;
            }
        }
        return o;
    }

    /// <summary>The fields of a message: number, varint value (wire type 0) or bytes (wire type 2).</summary>
    private static IEnumerable<(int Field, ulong Varint, byte[]? Value)> Fields(byte[] data)
    {
        var i = 0;
        while (i < data.Length)
        {
            var key = ReadVarint(data, ref i);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return (field, ReadVarint(data, ref i), null);
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
                    yield return (field, 0, data[i..(i + len)]);
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
