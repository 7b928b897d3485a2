using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>
/// Authentication like kube-apiserver with --client-ca-file and a static token file: a client certificate that chains to
/// the cluster CA (CN = user, O = groups) or a known bearer token. A bad token or certificate is 401, never anonymous.
/// </summary>
internal sealed class Authenticator(ClusterCertificateAuthority ca)
{
    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);

    public string AddToken(string user, IReadOnlyList<string> groups)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        _tokens[token] = UserInfo.Authenticated(user, groups);
        return token;
    }

    /// <summary>The user; <see cref="UserInfo.Anonymous"/> without credentials; null when credentials were given but are invalid.</summary>
    public UserInfo? Authenticate(HttpContext ctx)
    {
        var auth = ctx.Request.Headers.Authorization.ToString();
        if (auth.Length > 0)
        {
            if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
                _tokens.TryGetValue(auth["Bearer ".Length..].Trim(), out var byToken))
                return byToken;
            if (ctx.Connection.ClientCertificate is null) return null;
        }
        if (ctx.Connection.ClientCertificate is { } cert)
        {
            if (!ca.Validates(cert)) return null;
            return FromCertificate(cert);
        }
        return UserInfo.Anonymous;
    }

    public static UserInfo FromCertificate(X509Certificate2 cert)
    {
        string? cn = null;
        var groups = new List<string>();
        foreach (var rdn in cert.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            var oid = rdn.GetSingleElementType().Value;
            var value = rdn.GetSingleElementValue() ?? "";
            if (oid == "2.5.4.3") cn = value;
            else if (oid == "2.5.4.10") groups.Add(value);
        }
        return UserInfo.Authenticated(cn ?? "", groups);
    }
}
