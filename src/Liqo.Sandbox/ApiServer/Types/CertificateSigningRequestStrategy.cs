using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Security;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>
/// certificates.k8s.io/v1 CertificateSigningRequest (pkg/registry/certificates and pkg/apis/certificates/validation):
/// the request must be a PEM CSR whose signature verifies; usages are required and known; the signer name is a
/// qualified domain/path; expirationSeconds at least 600. A main-resource update cannot change spec or status (they are
/// copied from the stored object); conditions change through /approval (Approved or Denied, status True, never both,
/// never removed) and the certificate through /status. spec.username and groups are the requesting user's (set by the
/// HTTP layer), whatever the client sent.
/// </summary>
internal sealed partial class CertificateSigningRequestStrategy : IResourceStrategy
{
    public const string Key = "certificates.k8s.io/certificatesigningrequests";
    public const string KubeApiServerClientSigner = "kubernetes.io/kube-apiserver-client";

    private static readonly string[] KnownUsages =
    [
        "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only",
        "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement",
        "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping",
    ];

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    public NameRule NameRule => NameRule.PathSegment;

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx)
    {
        obj["spec"] = old["spec"]?.DeepClone();
        if (old["status"] is { } status) obj["status"] = status.DeepClone();
        else obj.Remove("status");
    }

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = ServerJson.Obj(obj, "spec") ?? new JsonObject();
        var requestText = ServerJson.Str(spec, "request");
        byte[] request;
        try
        {
            request = requestText is null ? [] : Convert.FromBase64String(requestText);
        }
        catch (FormatException)
        {
            throw ApiErrors.BadRequest("CertificateSigningRequest in version \"v1\" cannot be handled as a CertificateSigningRequest: illegal base64 data at input byte 0");
        }
        if (CertificateRequestPem.Check(request, out _) is { } problem)
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.request", CertificateRequestPem.GoBytes(request), problem));

        var usages = (ServerJson.Arr(spec, "usages") ?? []).Select(u => u?.ToString() ?? "").ToList();
        if (usages.Count == 0) errors.Add(new FieldError(FieldErrorType.Required, "spec.usages", null, ""));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < usages.Count; i++)
        {
            if (!KnownUsages.Contains(usages[i]))
                errors.Add(new FieldError(FieldErrorType.NotSupported, $"spec.usages[{i}]", Strconv.Quote(usages[i]),
                    "supported values: " + string.Join(", ", KnownUsages.Select(Strconv.Quote))));
            else if (!seen.Add(usages[i]))
                errors.Add(new FieldError(FieldErrorType.Duplicate, $"spec.usages[{i}]", Strconv.Quote(usages[i]), ""));
        }

        var signer = ServerJson.Str(spec, "signerName") ?? "";
        if (signer.Length == 0) errors.Add(new FieldError(FieldErrorType.Required, "spec.signerName", null, ""));
        else if (signer.Split('/') is not [var domain, var path] || domain.Length == 0 || path.Length == 0 || !Subdomain().IsMatch(domain))
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.signerName", Strconv.Quote(signer),
                "must be a fully qualified domain and path of the form 'example.com/signer-name'"));

        if (spec["expirationSeconds"] is JsonValue ev && ev.TryGetValue<long>(out var seconds) && seconds < 600)
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.expirationSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "may not specify a duration less than 600 seconds (10 minutes)"));

        ValidateConditions(obj, old, errors);
    }

    private static void ValidateConditions(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var conditions = (ServerJson.Arr(ServerJson.Obj(obj, "status"), "conditions") ?? [])
            .OfType<JsonObject>().ToList();
        var types = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            var type = ServerJson.Str(conditions[i], "type") ?? "";
            var status = ServerJson.Str(conditions[i], "status") ?? "";
            var path = $"status.conditions[{i}]";
            if (type.Length == 0) errors.Add(new FieldError(FieldErrorType.Required, path + ".type", null, ""));
            else if (!types.Add(type)) errors.Add(new FieldError(FieldErrorType.Duplicate, path + ".type", Strconv.Quote(type), ""));
            if (type is "Approved" or "Denied")
            {
                if (status != "True") errors.Add(new FieldError(FieldErrorType.NotSupported, path + ".status", Strconv.Quote(status), "supported values: \"True\""));
                if (type == "Denied" && types.Contains("Approved") || type == "Approved" && types.Contains("Denied"))
                    errors.Add(new FieldError(FieldErrorType.Invalid, path + ".type", Strconv.Quote(type), "Approved and Denied conditions are mutually exclusive"));
            }
            else if (status is not ("True" or "False" or "Unknown"))
                errors.Add(new FieldError(FieldErrorType.NotSupported, path + ".status", Strconv.Quote(status), "supported values: \"False\", \"True\", \"Unknown\""));
        }
        if (old is null) return;
        foreach (var gone in new[] { "Approved", "Denied", "Failed" })
            if ((ServerJson.Arr(ServerJson.Obj(old, "status"), "conditions") ?? []).OfType<JsonObject>()
                    .Any(c => ServerJson.Str(c, "type") == gone) && !types.Contains(gone))
                errors.Add(new FieldError(FieldErrorType.Forbidden, "status.conditions", null, $"updates may not remove a condition of type {Strconv.Quote(gone)}"));
    }

    /// <summary>What PUT .../approval may change: the conditions only (timestamps filled in), spec and certificate stay.</summary>
    public static JsonObject ApplyApproval(JsonObject existing, JsonObject body, DateTimeOffset now)
    {
        var result = (JsonObject)existing.DeepClone();
        var status = ServerJson.Ensure(result, "status");
        var conditions = (JsonArray?)ServerJson.Arr(ServerJson.Obj(body, "status"), "conditions")?.DeepClone() ?? [];
        foreach (var c in conditions.OfType<JsonObject>())
        {
            if (string.IsNullOrEmpty(ServerJson.Str(c, "lastUpdateTime")))
                c["lastUpdateTime"] = ObjectMeta.Timestamp(now);
            if (string.IsNullOrEmpty(ServerJson.Str(c, "lastTransitionTime")))
                c["lastTransitionTime"] = ObjectMeta.Timestamp(now);
        }
        if (conditions.Count > 0) status["conditions"] = conditions;
        else status.Remove("conditions");
        return result;
    }
}
