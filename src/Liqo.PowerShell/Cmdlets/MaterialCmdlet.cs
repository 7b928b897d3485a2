using System.Globalization;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Liqo.Engine;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet of the out-of-band peering: it reads peering material (a file by -Path, or a <see cref="Liqo.PeeringMaterial"/>
/// from the pipeline) and/or produces it (written owner-only by -OutFile, always written to the pipeline).
/// </summary>
public abstract class MaterialCmdlet : ClusterCmdlet
{
    private protected const string PathSet = "Path";
    private protected const string InputObjectSet = "InputObject";

    /// <summary>The material's document, from the file or the piped object, with a name for messages.</summary>
    private protected (string Text, string Source) ReadMaterial(string? path, Liqo.PeeringMaterial? input)
    {
        if (input is not null) return (input.Json, input.Path is null ? $"the piped {input.Kind}" : $"the piped {input.Kind} ('{input.Path}')");
        var full = GetUnresolvedProviderPathFromPSPath(path!);
        try
        {
            return (Engine.Exchange.OwnerOnlyFile.Read(full), $"the file '{full}'");
        }
        catch (LiqoException e)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(e));
            throw; // not reached
        }
    }

    /// <summary>
    /// Turns the engine's document into the output object, writing it to <paramref name="outFile"/> (owner-only) first
    /// when given and confirmed (not with -WhatIf).
    /// </summary>
    private protected Liqo.PeeringMaterial Publish(string json, bool planned, string? outFile, bool force)
    {
        var doc = (JsonObject)JsonNode.Parse(json)!;
        string Str(string name) => doc[name]?.GetValue<string>() ?? "";
        string? written = null;
        if (outFile is not null)
        {
            var full = GetUnresolvedProviderPathFromPSPath(outFile);
            if (!planned && ShouldProcess(full, $"Write the {Str("kind")} for cluster '{Str("forClusterId")}'"))
            {
                try
                {
                    Engine.Exchange.OwnerOnlyFile.Write(full, json, force);
                }
                catch (LiqoException e)
                {
                    ThrowTerminatingError(ErrorRecordFactory.From(e));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "FileWriteFailed", ErrorCategory.WriteError, full));
                }
                written = full;
            }
            else if (planned)
            {
                ShouldProcess(full, $"Write the {Str("kind")} for cluster '{Str("forClusterId")}'");
            }
        }
        var created = DateTimeOffset.TryParse(Str("createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.UtcNow;
        return new Liqo.PeeringMaterial(Str("kind"), Str("fromClusterId"), Str("forClusterId"), created, json, written, planned);
    }
}
