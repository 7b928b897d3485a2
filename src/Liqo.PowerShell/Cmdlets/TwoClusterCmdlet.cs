using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that works on two clusters: the local one (consumer) through the parameters of <see cref="ClusterCmdlet"/>,
/// the remote one (provider) through the same set with the Remote prefix, like liqoctl's --remote-* flags.
/// </summary>
public abstract class TwoClusterCmdlet : ClusterCmdlet
{
    /// <summary>
    /// The kubeconfig file of the remote cluster (liqoctl's --remote-kubeconfig). Default: like -Kubeconfig ($env:KUBECONFIG,
    /// else ~/.kube/config), so -RemoteContext alone names another context of the same kubeconfig.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteKubeconfig { get; set; }

    /// <summary>The remote cluster's kubeconfig as text (its YAML), e.g. from a secret store. It is never written to a file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteKubeconfigContent { get; set; }

    /// <summary>The kubeconfig context of the remote cluster (liqoctl's --remote-context). Default: the kubeconfig's current-context.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextCompleter))]
    public string? RemoteContext { get; set; }

    /// <summary>The namespace Liqo is installed in on the remote cluster (liqoctl's --remote-namespace).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string RemoteLiqoNamespace { get; set; } = KubeconfigSource.DefaultLiqoNamespace;

    /// <summary>Whether a remote cluster was named at all (for cmdlets where it is optional).</summary>
    protected bool RemoteGiven => RemoteKubeconfig is not null || RemoteKubeconfigContent is not null || RemoteContext is not null;

    /// <summary>The remote cluster's access, as given on the command line.</summary>
    protected KubeconfigSource RemoteSource() =>
        RemoteSourceFor(RemoteKubeconfig, RemoteKubeconfigContent, RemoteContext, RemoteLiqoNamespace);
}
