using Liqo.Engine;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// What a Remove- cmdlet reports for a name that names nothing: ObjectNotFound with the name as its target, as Remove-Item
/// reports a missing path, unless the cmdlet was given -IgnoreMissing.
/// </summary>
internal static class MissingObject
{
    public static LiqoException Error(string errorId, string kind, string name, string? providerClusterId) =>
        new(errorId, LiqoErrorCategory.ObjectNotFound, name,
            providerClusterId is null
                ? $"There is no {kind} named '{name}' on the cluster, so nothing was removed."
                : $"There is no {kind} named '{name}' for the cluster '{providerClusterId}', so nothing was removed.",
            "Check the name (and -RemoteClusterId), or pass -IgnoreMissing to treat a missing object as already removed.");
}
