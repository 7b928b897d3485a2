using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace Liqo.PowerShell;

/// <summary>
/// Lets a secret text parameter (kubeconfig content) take the secret as PowerShell users hold it: a string, a
/// SecureString (SecretManagement's Get-Secret, Read-Host -AsSecureString) or a PSCredential whose password is the text
/// (Azure Automation's Get-AutomationPSCredential). The text is read into memory only; an error never shows it.
/// </summary>
public sealed class SecretTextTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            SecureString secure => Reveal(secure),
            PSCredential credential => Reveal(credential.Password),
            // several (the remote kubeconfigs of a fan-out): each as above
            object[] several => several.Select(v => Transform(engineIntrinsics, v)).ToArray(),
            _ => inputData,
        };
    }

    private static string Reveal(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
