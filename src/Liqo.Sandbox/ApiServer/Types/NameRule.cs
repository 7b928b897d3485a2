namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>Which name validation a kind uses.</summary>
internal enum NameRule
{
    /// <summary>RFC 1123 subdomain (most kinds, custom resources).</summary>
    Subdomain,
    /// <summary>RFC 1123 label (Namespace).</summary>
    Label,
    /// <summary>RFC 1035 label (Service).</summary>
    Dns1035Label,
    /// <summary>Anything but '/', '%', '.' and '..' (RBAC kinds).</summary>
    PathSegment,
}
