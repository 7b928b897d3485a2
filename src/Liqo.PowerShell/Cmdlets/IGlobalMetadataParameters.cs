using System.Collections;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that writes objects liqoctl writes through its CreateOrUpdate, and so takes liqoctl's --global-labels and
/// --global-annotations as -GlobalLabel and -GlobalAnnotation. Each such cmdlet declares the two parameters itself (the
/// base classes hold only cluster access); <see cref="ClusterCmdlet"/> reads them through this interface, checks them
/// once before anything is written, and hands them to the engine's operation.
/// </summary>
public interface IGlobalMetadataParameters
{
    /// <summary>
    /// Labels put on every object the command creates or updates, on both clusters, as liqoctl's --global-labels does:
    /// a hashtable such as @{team='payments'; 'example.com/owner'='ops'}. They are added at every run, also to objects that
    /// exist, and a label of the same key gets the value given here. A value may name ${namespace}, ${name}, ${kind} and
    /// ${group} of the object, e.g. @{origin='${kind}-${name}'}. Keys and values are checked as Kubernetes checks them
    /// before anything is written; keys in Liqo's own domain (liqo.io and its subdomains) are refused. Objects liqoctl
    /// labels none of (tenant namespaces, peering users' bindings) get none. $PSDefaultParameterValues can give it to every
    /// command, e.g. $PSDefaultParameterValues['*-Liqo*:GlobalLabel'] = @{team='payments'}.
    /// </summary>
    Hashtable? GlobalLabel { get; set; }

    /// <summary>
    /// Annotations put on every object the command creates or updates, on both clusters, as liqoctl's --global-annotations
    /// does: a hashtable such as @{'example.com/ticket'='OPS-42'}. They are added at every run, also to objects that
    /// exist, replacing the value of an annotation of the same key. A value may name ${namespace}, ${name}, ${kind} and
    /// ${group} of the object. Keys are checked as Kubernetes checks them before anything is written; keys in Liqo's own
    /// domain (liqo.io and its subdomains) are refused.
    /// </summary>
    Hashtable? GlobalAnnotation { get; set; }
}
