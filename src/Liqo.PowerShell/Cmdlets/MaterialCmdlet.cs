using System.Globalization;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet of the out-of-band peering: it reads peering material (a file by -Path, or a <see cref="Liqo.PeeringMaterial"/>
/// from the pipeline: <see cref="MaterialInputCmdlet"/>) and/or produces it (written owner-only by -OutFile, always
/// written to the pipeline: <see cref="MaterialOutputCmdlet"/>, <see cref="MaterialReplyCmdlet"/>).
/// </summary>
public abstract class MaterialCmdlet : ClusterCmdlet
{
    /// <summary>
    /// Runs one engine step that makes material on this cluster, bounded by <paramref name="timeout"/>, and publishes it
    /// (<see cref="Publish"/>).
    /// </summary>
    private protected void Produce(TimeSpan timeout, Func<Operation, ClusterConnection, Task<EngineMaterial>> step, string? outFile, bool force) =>
        Publish(RunOnCluster(LocalSource(), timeout, (op, cluster) => Document(op, step(op, cluster))), outFile, force);

    /// <summary>The material a step makes, as <see cref="Publish"/> takes it: its document, and whether the step only planned (-WhatIf).</summary>
    private protected static async Task<(string Json, bool Planned)> Document(Operation op, Task<EngineMaterial> making) =>
        ((await making.ConfigureAwait(false)).ToJson(), op.PlanOnly);

    /// <summary>
    /// Writes the engine's document as the output object, writing it to <paramref name="outFile"/> (owner-only) first
    /// when given and confirmed (not with -WhatIf).
    /// </summary>
    private protected void Publish((string Json, bool Planned) made, string? outFile, bool force)
    {
        var (json, planned) = made;
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
        WriteObject(new Liqo.PeeringMaterial(Str("kind"), Str("fromClusterId"), Str("forClusterId"), created, json, written, planned));
    }
}
