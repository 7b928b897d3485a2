using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Peering material in and out of the cmdlets of the out-of-band peering: reading the other cluster's material (a file by
/// -Path, or a <see cref="Liqo.PeeringMaterial"/> from the pipeline by -InputObject), checking and writing -OutFile
/// (owner-only), and writing the material a step makes to the pipeline. Each cmdlet declares its own -Path, -InputObject,
/// -OutFile and -Force and passes their values here.
/// </summary>
internal static class MaterialExchange
{
    /// <summary>The parameter set of a cmdlet that reads the other cluster's material from a file (-Path).</summary>
    public const string PathSet = "Path";

    /// <summary>The parameter set of a cmdlet that reads the other cluster's material from the pipeline (-InputObject).</summary>
    public const string InputObjectSet = "InputObject";

    /// <summary>
    /// The bound of an export (Export-LiqoIdentity, Export-LiqoNetworkConfiguration), which has no -Timeout: it reads what the
    /// cluster holds already, writes nothing on it and waits for nothing.
    /// </summary>
    public static readonly TimeSpan ExportTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs one engine step that makes material on the cluster of <paramref name="source"/>, bounded by
    /// <paramref name="timeout"/>, and publishes it: written to <paramref name="outFile"/> (checked before the cluster is
    /// changed) and to the pipeline.
    /// </summary>
    public static void Produce(ClusterCmdlet cmdlet, KubeconfigSource source, TimeSpan timeout,
        Func<Operation, ClusterConnection, Task<EngineMaterial>> step, string? outFile, bool force, string format = ModuleFormat)
    {
        CheckOutFile(cmdlet, outFile, force);
        Publish(cmdlet, cmdlet.RunOnCluster(source, timeout, (op, cluster) => MadeAsync(op, () => step(op, cluster))), outFile, force, format);
    }

    /// <summary>
    /// Reads the other cluster's material (<paramref name="path"/> or <paramref name="input"/>), runs one engine step with it
    /// that makes this cluster's answer, bounded by <paramref name="timeout"/>, and publishes the answer like
    /// <see cref="Produce"/>.
    /// </summary>
    public static void Reply(ClusterCmdlet cmdlet, KubeconfigSource source, string? path, Liqo.PeeringMaterial? input, TimeSpan timeout,
        Func<Operation, ClusterConnection, EngineMaterial, Task<EngineMaterial>> step, string? outFile, bool force, string format = ModuleFormat)
    {
        CheckOutFile(cmdlet, outFile, force);
        Publish(cmdlet, RunOnMaterial(cmdlet, source, path, input, timeout, (op, cluster, material) => MadeAsync(op, () => step(op, cluster, material))),
            outFile, force, format);
    }

    /// <summary>
    /// Reads the other cluster's material (<paramref name="path"/> or <paramref name="input"/>), then runs one engine step
    /// with it on the cluster of <paramref name="source"/>, bounded by <paramref name="timeout"/>, and returns the step's
    /// result.
    /// </summary>
    public static T RunOnMaterial<T>(ClusterCmdlet cmdlet, KubeconfigSource source, string? path, Liqo.PeeringMaterial? input,
        TimeSpan timeout, Func<Operation, ClusterConnection, EngineMaterial, Task<T>> step)
    {
        var (text, from) = Read(cmdlet, path, input);
        return cmdlet.RunOnCluster(source, timeout, (op, cluster) => step(op, cluster, EngineMaterial.Parse(text, from)));
    }

    /// <summary>
    /// Refuses an -OutFile that could not be written (ErrorId FileExists without -Force, or an unwritable folder) before the
    /// cluster is changed, so nothing is made for nothing. Does nothing without an -OutFile.
    /// </summary>
    public static void CheckOutFile(PSCmdlet cmdlet, string? outFile, bool force)
    {
        if (outFile is null) return;
        try
        {
            Engine.Exchange.OwnerOnlyFile.CheckWritable(cmdlet.GetUnresolvedProviderPathFromPSPath(outFile), force);
        }
        catch (LiqoException e)
        {
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.From(e));
        }
    }

    /// <summary>The material's document, from the file or the piped object, with a name for messages.</summary>
    private static (string Text, string Source) Read(PSCmdlet cmdlet, string? path, Liqo.PeeringMaterial? input)
    {
        if (input is not null) return (input.Json, input.Path is null ? $"the piped {input.Kind}" : $"the piped {input.Kind} ('{input.Path}')");
        var full = cmdlet.GetUnresolvedProviderPathFromPSPath(path!);
        try
        {
            return (Engine.Exchange.OwnerOnlyFile.Read(full), $"the file '{full}'");
        }
        catch (LiqoException e)
        {
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.From(e));
            throw; // not reached
        }
    }

    /// <summary>The material a step makes, and whether the step only planned (-WhatIf).</summary>
    private static async Task<(EngineMaterial Material, bool Planned)> MadeAsync(Operation op, Func<Task<EngineMaterial>> making) =>
        (await making().ConfigureAwait(false), op.PlanOnly);

    /// <summary>-Format Module: the module's own document (checked on import for the cluster it is for).</summary>
    public const string ModuleFormat = "Module";

    /// <summary>-Format Liqoctl: what liqoctl generate/get prints, for liqoctl, kubectl apply -f or a liqoctl user.</summary>
    public const string LiqoctlFormat = "Liqoctl";

    /// <summary>
    /// Writes the material as the output object, writing its document to <paramref name="outFile"/> (owner-only) first when
    /// given and confirmed (not with -WhatIf). In liqoctl's format the output object is the text liqoctl prints.
    /// </summary>
    private static void Publish(PSCmdlet cmdlet, (EngineMaterial Material, bool Planned) made, string? outFile, bool force, string format)
    {
        var (material, planned) = made;
        var liqoctl = format == LiqoctlFormat;
        var json = liqoctl ? Engine.Exchange.LiqoctlMaterial.Format(material) : material.ToJson();
        string? written = null;
        if (outFile is not null)
        {
            var full = cmdlet.GetUnresolvedProviderPathFromPSPath(outFile);
            var action = $"Write the {material.Kind} for cluster '{material.ForClusterId}'";
            if (!planned && cmdlet.ShouldProcess(full, action))
            {
                try
                {
                    Engine.Exchange.OwnerOnlyFile.Write(full, json, force);
                }
                catch (LiqoException e)
                {
                    cmdlet.ThrowTerminatingError(ErrorRecordFactory.From(e));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(e, ErrorIds.FileWriteFailed, ErrorCategory.WriteError, full));
                }
                written = full;
            }
            else if (planned)
            {
                cmdlet.ShouldProcess(full, action);
            }
        }
        if (liqoctl) cmdlet.WriteObject(json);
        else cmdlet.WriteObject(OutputMapper.From(material, json, written, planned));
    }
}
