namespace Liqo.Engine.GoFormat;

/// <summary>liqoctl's machine-readable output formats (-o json|yaml).</summary>
public enum MachineFormat
{
    Yaml,
    Json,
}
