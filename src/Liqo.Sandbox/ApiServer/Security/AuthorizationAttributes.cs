namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>What is being authorized: a resource request (verb, group, resource, subresource, namespace, name) or a non-resource path.</summary>
public sealed record AuthorizationAttributes(
    string Verb, bool IsResourceRequest, string Group, string Resource, string Subresource, string Namespace, string Name, string Path);
