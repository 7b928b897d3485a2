using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>
/// Authentication like kube-apiserver with --client-ca-file and a static token file: a client certificate that chains to
/// the cluster CA (CN = user, O = groups) or a known bearer token. A bad token or certificate is 401, never anonymous.
/// A certificate's chain is built once per TLS connection (the certificate of a connection cannot change; building a chain
/// costs a few hundred microseconds, more than the rest of a GET); its validity dates are checked on every request, so the
/// outcome is the same as verifying each request.
/// </summary>
internal sealed class Authenticator(ClusterCertificateAuthority ca)
{
    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);
    // Keyed by the connection's certificate object: an entry lives as long as its connection holds the certificate.
    private readonly ConditionalWeakTable<X509Certificate2, UserInfo?> _verified = [];
    private long _chainBuilds;

    /// <summary>How many certificate chains were built (tests check it is once per connection).</summary>
    public long ChainBuilds => Interlocked.Read(ref _chainBuilds);

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
        if (ctx.Connection.ClientCertificate is { } cert) return FromVerifiedCertificate(cert);
        return UserInfo.Anonymous;
    }

    /// <summary>The certificate's user when it chains to the cluster CA and is valid now; null otherwise.</summary>
    private UserInfo? FromVerifiedCertificate(X509Certificate2 cert)
    {
        var now = DateTime.Now;
        if (now < cert.NotBefore || now > cert.NotAfter) return null;
        return _verified.GetValue(cert, c =>
        {
            Interlocked.Increment(ref _chainBuilds);
            return ca.Validates(c) ? FromCertificate(c) : null;
        });
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
