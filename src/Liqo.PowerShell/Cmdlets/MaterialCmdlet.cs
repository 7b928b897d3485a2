using System.Globalization;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet of the out-of-band peering: it reads peering material (a file by -Path, or a <see cref="Liqo.PeeringMaterial"/>
/// from the pipeline) and/or produces it (written owner-only by -OutFile, always written to the pipeline).
/// </summary>
/// <remarks>
/// PowerShell lists a cmdlet's parameters, and orders its parameter sets, as it meets them: the cmdlet class's own first,
/// then each base class's. So that every cmdlet's syntax stays as it was, -Timeout sits in <see cref="TimedMaterialCmdlet"/>,
/// below <see cref="MaterialInputCmdlet"/> (-Path/-InputObject) and <see cref="MaterialOutputCmdlet"/> (-OutFile/-Force);
/// Export-LiqoIdentity and Export-LiqoNetworkConfiguration have no -Timeout and take -OutFile/-Force from
/// <see cref="MaterialExportCmdlet"/>. The two cmdlets that read material and answer with their own cannot take both
/// blocks from one class: New-LiqoTenant declares its own -Path/-InputObject (they must come before its Nonce set, whose
/// parameters it declares), New-LiqoGatewayClient its own -OutFile/-Force.
/// </remarks>
public abstract class MaterialCmdlet : ClusterCmdlet
{
    private protected const string PathSet = "Path";
    private protected const string InputObjectSet = "InputObject";

    /// <summary>
    /// Runs one engine step that makes material on this cluster, bounded by <paramref name="timeout"/>, and publishes it
    /// (<see cref="Publish"/>).
    /// </summary>
    private protected void Produce(TimeSpan timeout, Func<Operation, ClusterConnection, Task<EngineMaterial>> step, string? outFile, bool force)
    {
        CheckOutFile(outFile, force);
        Publish(RunOnCluster(LocalSource(), timeout, (op, cluster) => Document(op, step(op, cluster))), outFile, force);
    }

    /// <summary>
    /// Reads the other cluster's material (<paramref name="path"/> or <paramref name="input"/>), runs one engine step with it
    /// that makes this cluster's answer, bounded by <paramref name="timeout"/>, and publishes the answer (<see cref="Publish"/>).
    /// </summary>
    private protected void Reply(string? path, Liqo.PeeringMaterial? input, TimeSpan timeout,
        Func<Operation, ClusterConnection, EngineMaterial, Task<EngineMaterial>> step, string? outFile, bool force)
    {
        CheckOutFile(outFile, force);
        Publish(RunOnMaterial(path, input, timeout, (op, cluster, material) => Document(op, step(op, cluster, material))), outFile, force);
    }

    /// <summary>Refuses an -OutFile that could not be written before the cluster is changed, so no material is made for nothing.</summary>
    private protected void CheckOutFile(string? outFile, bool force)
    {
        if (outFile is null) return;
        try
        {
            Engine.Exchange.OwnerOnlyFile.CheckWritable(GetUnresolvedProviderPathFromPSPath(outFile), force);
        }
        catch (LiqoException e)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(e));
        }
    }

    /// <summary>
    /// Reads the other cluster's material (<paramref name="path"/> or <paramref name="input"/>), then runs one engine step
    /// with it on this cluster, bounded by <paramref name="timeout"/>, and returns the step's result.
    /// </summary>
    private protected T RunOnMaterial<T>(string? path, Liqo.PeeringMaterial? input, TimeSpan timeout,
        Func<Operation, ClusterConnection, EngineMaterial, Task<T>> step)
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial(path, input);
        return RunOnCluster(source, timeout, (op, cluster) => step(op, cluster, EngineMaterial.Parse(text, from)));
    }

    /// <summary>The material's document, from the file or the piped object, with a name for messages.</summary>
    private (string Text, string Source) ReadMaterial(string? path, Liqo.PeeringMaterial? input)
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
                    ThrowTerminatingError(new ErrorRecord(e, ErrorIds.FileWriteFailed, ErrorCategory.WriteError, full));
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
