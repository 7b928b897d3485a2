namespace Liqo.Engine;

/// <summary>
/// Where the engine reports what it is doing. The cmdlet layer writes these to PowerShell's streams on the pipeline
/// thread; tests collect them. Nothing written here may contain credentials, keys, tokens or kubeconfig contents.
/// </summary>
public interface IOperationLog
{
    void Verbose(string message);

    void Warning(string message);
}

/// <summary>A log that drops everything.</summary>
public sealed class NullOperationLog : IOperationLog
{
    public static NullOperationLog Instance { get; } = new();

    public void Verbose(string message) { }

    public void Warning(string message) { }
}
