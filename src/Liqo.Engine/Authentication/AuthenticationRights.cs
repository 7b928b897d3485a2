using Liqo.Engine.Resources;

namespace Liqo.Engine.Authentication;

/// <summary>
/// The rights the authentication steps need on one cluster, from what they write there (<see cref="Authenticate"/>,
/// <see cref="Unauthenticate"/>): checked before the command's first write (<see cref="AccessCheck"/>).
/// </summary>
public static class AuthenticationRights
{
    /// <summary>Authenticate on the consumer: the tenant namespace (created when missing), the signed nonce Secret, the Identity.</summary>
    public static IEnumerable<AccessRequirement> Consumer(string tenantNamespace, bool namespaceExists) =>
        AccessRequirement.NamespaceCreation(namespaceExists)
            .Append(new AccessRequirement("create", Kinds.Secret, tenantNamespace))
            .Concat(AccessRequirement.Write(Kinds.Identity, tenantNamespace));

    /// <summary>Authenticate on the provider: the tenant namespace (created when missing), the nonce Secret, the Tenant.</summary>
    public static IEnumerable<AccessRequirement> Provider(string tenantNamespace, bool namespaceExists) =>
        AccessRequirement.NamespaceCreation(namespaceExists)
            .Append(new AccessRequirement("create", Kinds.Secret, tenantNamespace))
            .Concat(AccessRequirement.Write(Kinds.Tenant, tenantNamespace));

    /// <summary>Unauthenticate on the consumer: the Identities, in the namespaces they are in.</summary>
    public static IEnumerable<AccessRequirement> RemoveConsumer(IEnumerable<string> identityNamespaces) =>
        identityNamespaces.Distinct().Select(ns => new AccessRequirement("delete", Kinds.Identity, ns));

    /// <summary>Unauthenticate on the provider: the Tenant, in the tenant namespace (nothing when there is none).</summary>
    public static IEnumerable<AccessRequirement> RemoveProvider(string? tenantNamespace) =>
        tenantNamespace is null ? [] : [new("delete", Kinds.Tenant, tenantNamespace)];
}
