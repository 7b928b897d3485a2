using System.Management.Automation;
using Liqo.Engine;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Creates a user on the provider that may peer it with one consumer and do nothing else (liqoctl generate peering-user).
/// The user gets a client certificate issued through a Kubernetes CertificateSigningRequest (signer
/// kubernetes.io/kube-apiserver-client) for a fresh key pair, the Liqo chart's peering-user Role and ClusterRole and a
/// ClusterRole of its own. Its kubeconfig, which holds the private key, is written owner-only to -OutFile and nowhere else:
/// give it to the consumer's administrator, who runs New-LiqoPeering and Remove-LiqoPeering with it as -RemoteKubeconfig.
/// </summary>
/// <remarks>
/// Anything else the user tries is refused by the provider with 403 (ErrorId Forbidden). The key is RSA by default:
/// .NET, and so this module, cannot present an Ed25519 client certificate; -KeyAlgorithm Ed25519 or Auto (liqoctl's
/// default) suit liqoctl and kubectl. A second user for the same consumer is ErrorId PeeringUserExists: remove the first
/// one (Remove-LiqoPeeringUser).
/// </remarks>
/// <example>
/// Make a peering user for the consumer rome
/// <code>
/// New-LiqoPeeringUser -ConsumerClusterId rome -Kubeconfig ~/.kube/milan -OutFile ./rome-peering.kubeconfig
/// </code>
/// The result names the user, its tenant namespace and when its certificate expires, and the file written.
/// </example>
/// <example>
/// Peer with a peering user, each administrator on their own cluster
/// <code>
/// # on the provider milan
/// New-LiqoPeeringUser rome -Kubeconfig ~/.kube/milan -OutFile ./rome-peering.kubeconfig
/// # on the consumer rome, once rome-peering.kubeconfig has been handed over
/// New-LiqoPeering -Kubeconfig ~/.kube/rome -RemoteKubeconfig ./rome-peering.kubeconfig
/// </code>
/// The consumer's administrator needs only their own kubeconfig and the peering user's, which may do nothing on milan but
/// peer rome with it (and unpeer them).
/// </example>
/// <seealso cref="RemoveLiqoPeeringUserCommand"/>
/// <seealso cref="NewLiqoPeeringCommand"/>
[Cmdlet(VerbsCommon.New, "LiqoPeeringUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringUser))]
public sealed class NewLiqoPeeringUserCommand : ClusterCmdlet
{
    /// <summary>The cluster ID of the only consumer the user may peer from (liqoctl's --consumer-cluster-id).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    /// <summary>
    /// Where the user's kubeconfig is written (owner-only: 0600 on Unix, an owner-only ACL on Windows). It holds the user's
    /// private key and is not stored anywhere else.
    /// </summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutFile { get; set; } = "";

    /// <summary>Replaces an existing -OutFile (without it, an existing file is an error, FileExists, raised before the cluster is changed).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>
    /// The user's key: Rsa (.NET clients such as this module need it), Ed25519 or Auto (liqoctl's --tls-compatibility-mode).
    /// </summary>
    [Parameter] public Liqo.PeeringUserKeyAlgorithm KeyAlgorithm { get; set; } = Liqo.PeeringUserKeyAlgorithm.Rsa;

    /// <summary>
    /// The bound of the whole command, the wait for the certificate included. Accepts liqoctl's durations (1m, 90s), a number
    /// of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl generate peering-user has no --timeout (it waits 30s for the certificate)
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var path = GetUnresolvedProviderPathFromPSPath(OutFile);
        // before the CSR is approved: the private key exists only in the file, so a path that cannot take it must stop us first
        MaterialExchange.CheckOutFile(this, OutFile, Force);
        var (consumerId, algorithm) = (ConsumerClusterId, (Engine.Authentication.PeeringUserKeyAlgorithm)(int)KeyAlgorithm);
        var (result, planned) = RunOnCluster(source, Timeout, async (op, provider) =>
            (await Engine.Authentication.PeeringUser.CreateAsync(op, provider, consumerId, algorithm).ConfigureAwait(false), op.PlanOnly));
        string? written = null;
        var action = $"Write the kubeconfig of peering user {result.CommonName}";
        if (planned)
        {
            ShouldProcess(path, action); // -WhatIf: the plan ends with the file
        }
        else if (result.Kubeconfig is { } kubeconfig)
        {
            if (!ShouldProcess(path, action))
                ThrowTerminatingError(new ErrorRecord(new OperationCanceledException(
                        $"The kubeconfig of peering user {result.CommonName} was not written: it holds the only copy of the user's private key. " +
                        "Remove the user (Remove-LiqoPeeringUser) and create it again."),
                    ErrorIds.OperationDeclined, ErrorCategory.OperationStopped, path));
            try
            {
                Engine.Exchange.OwnerOnlyFile.Write(path, kubeconfig, Force);
            }
            catch (LiqoException e)
            {
                ThrowTerminatingError(ErrorRecordFactory.From(e));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException(
                        $"The kubeconfig of peering user {result.CommonName} could not be written to '{path}' ({e.Message}). " +
                        "Remove the user (Remove-LiqoPeeringUser) and create it again.", e),
                    ErrorIds.FileWriteFailed, ErrorCategory.WriteError, path));
            }
            written = path;
        }
        WriteObject(OutputMapper.From(result, written, planned));
    }
}
