using System.Management.Automation;
using Liqo.Engine;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider (liqoctl generate peering-user): a user that may peer this cluster with one consumer and nothing
/// more: a client certificate issued through a Kubernetes CSR, the chart's peering-user roles and a ClusterRole of its
/// own. Its kubeconfig goes only to -OutFile (owner-only): give it to the consumer's administrator, who runs
/// New-LiqoPeering -RemoteKubeconfig with it.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoPeeringUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringUser))]
public sealed class NewLiqoPeeringUserCommand : ClusterCmdlet
{
    /// <summary>The only cluster the user may peer from.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    /// <summary>Where the kubeconfig is written (owner-only). It holds the user's private key and is not stored anywhere else.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutFile { get; set; } = "";

    /// <summary>Replace an existing -OutFile.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Rsa (default: .NET clients such as this module need it), Ed25519 or Auto (liqoctl's --tls-compatibility-mode).</summary>
    [Parameter] public Liqo.PeeringUserKeyAlgorithm KeyAlgorithm { get; set; } = Liqo.PeeringUserKeyAlgorithm.Rsa;

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var path = GetUnresolvedProviderPathFromPSPath(OutFile);
        try
        {
            // before the CSR is approved: the private key exists only in the file, so a path that cannot take it must stop us first
            Engine.Exchange.OwnerOnlyFile.CheckWritable(path, Force);
        }
        catch (LiqoException e)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(e));
        }
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
        WriteObject(new Liqo.PeeringUser
        {
            ConsumerClusterId = result.ConsumerClusterId,
            ProviderClusterId = result.ProviderClusterId,
            UserName = result.UserName,
            CommonName = result.CommonName,
            TenantNamespace = result.TenantNamespace,
            KeyAlgorithm = result.KeyAlgorithm.ToString(),
            NotAfter = result.NotAfter,
            Path = written,
            WhatIf = planned,
        });
    }
}
