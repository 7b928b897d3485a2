namespace Liqo.Engine.Resources;

/// <summary>A served resource: group, version, plural, kind and scope, with its REST paths.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>apiVersion as written in objects: "v1" for the core group, "group/version" otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name kubectl and the API server use in messages: "configmaps", "tenants.authentication.liqo.io".</summary>
    public string DisplayName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The collection or object path, e.g. /apis/core.liqo.io/v1beta1/foreignclusters/x.</summary>
    public string PathFor(string? ns, string? name = null, string? subresource = null)
    {
        var prefix = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        var path = Namespaced && ns is not null ? $"{prefix}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{prefix}/{Plural}";
        if (name is not null) path += "/" + Uri.EscapeDataString(name);
        if (subresource is not null) path += "/" + subresource;
        return path;
    }

    public override string ToString() => DisplayName;
}
