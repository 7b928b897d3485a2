using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Liqo.PowerShell;

/// <summary>
/// Keeps the module's dependencies out of PowerShell's default load context ("Resolving PowerShell module assembly
/// dependency conflicts" in PowerShell's documentation). This assembly loads into the default context and references
/// Liqo.Engine, which is not beside it but in Dependencies/. The default context cannot find it and raises Resolving;
/// this bridge answers with a private context that loads the engine and, first, every one of the engine's packages
/// from Dependencies/. Another module's YamlDotNet or KubernetesClient then never meets ours.
/// </summary>
public sealed class LoadContextBridge : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssemblyName = "Liqo.Engine";

    // One private context per module folder, shared by every import of the module in the process: an assembly cannot
    // be loaded twice into one context, and re-importing the module must find the engine it loaded before.
    private static readonly Lazy<DependencyLoadContext> Context = new(() =>
        new DependencyLoadContext(Path.Combine(DependencyDirectory, EngineAssemblyName + ".dll")));

    private static string DependencyDirectory =>
        Path.Combine(Path.GetDirectoryName(typeof(LoadContextBridge).Assembly.Location)!, "Dependencies");

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
        name.Name == EngineAssemblyName && File.Exists(Path.Combine(DependencyDirectory, EngineAssemblyName + ".dll"))
            ? Context.Value.LoadFromAssemblyName(name)
            : null;
}
