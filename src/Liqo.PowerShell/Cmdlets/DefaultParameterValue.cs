using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Security;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Tells whether a bound parameter value came from $PSDefaultParameterValues rather than from the command line.
/// PowerShell binds a default to every parameter the command line left unbound, so a default -Kubeconfig (as about_Liqo
/// suggests) is bound next to a -KubeconfigContent given on the command line; the cmdlet then lets the command line win.
/// PowerShell does not say which values it took from the defaults: a value counts as a default when an enabled entry
/// for this cmdlet and parameter holds it (a script block, SecureString or PSCredential entry counts as holding it).
/// </summary>
internal static class DefaultParameterValue
{
    private const string VariableName = "PSDefaultParameterValues";

    public static bool Supplied(PSCmdlet cmdlet, string parameter, string boundValue)
    {
        if (cmdlet.SessionState?.PSVariable.GetValue(VariableName) is not IDictionary defaults) return false;
        if (LanguagePrimitives.IsTrue(defaults["Disabled"])) return false;
        var command = cmdlet.MyInvocation.MyCommand?.Name ?? string.Empty;
        foreach (DictionaryEntry entry in defaults)
        {
            if (entry.Key is not string key) continue;
            var colon = key.LastIndexOf(':');
            if (colon <= 0) continue;
            if (!key[(colon + 1)..].Trim().Equals(parameter, StringComparison.OrdinalIgnoreCase)) continue;
            if (!WildcardPattern.Get(key[..colon].Trim(), WildcardOptions.IgnoreCase).IsMatch(command)) continue;
            var value = entry.Value is PSObject pso ? pso.BaseObject : entry.Value;
            if (value is ScriptBlock or SecureString or PSCredential) return true;
            if (string.Equals(Convert.ToString(value, CultureInfo.InvariantCulture), boundValue, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
