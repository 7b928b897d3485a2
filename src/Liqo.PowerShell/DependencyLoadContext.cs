using System.Reflection;
using System.Runtime.Loader;

namespace Liqo.PowerShell;

/// <summary>
/// The module's private load context: the engine and its packages (KubernetesClient, YamlDotNet, BouncyCastle,
/// Fractions) from Dependencies/, resolved through the engine's deps.json. Framework assemblies fall through to the
/// default context.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _directory;

    public DependencyLoadContext(string enginePath) : base("Liqo.Dependencies", isCollectible: false)
    {
        _directory = Path.GetDirectoryName(enginePath)!;
        _resolver = new AssemblyDependencyResolver(enginePath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            var candidate = Path.Combine(_directory, assemblyName.Name + ".dll");
            if (File.Exists(candidate)) path = candidate;
        }
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
