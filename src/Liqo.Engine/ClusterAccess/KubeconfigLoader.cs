using System.Runtime.InteropServices;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Core;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Loads kubeconfig files the way kubectl does: an explicit file alone; otherwise every file of $KUBECONFIG merged
/// (the first file to set a value wins; missing files are skipped); otherwise ~/.kube/config. Relative paths inside a
/// file are relative to that file. Content given as a string is parsed in memory and never written anywhere.
/// </summary>
internal static class KubeconfigLoader
{
    /// <summary>The merged kubeconfig and a description of where it came from (paths only, never content).</summary>
    internal sealed record LoadedKubeconfig(K8SConfiguration Config, string Origin);

    public static LoadedKubeconfig Load(KubeconfigSource source)
    {
        if (source.KubeconfigPath is not null && source.KubeconfigContent is not null)
            throw new LiqoException(ErrorIds.KubeconfigConflict, LiqoErrorCategory.InvalidArgument, source.KubeconfigPath,
                $"Both a kubeconfig file and kubeconfig content were given for the {source.Scope} cluster; give only one of them.");

        if (source.KubeconfigContent is not null)
            return new LoadedKubeconfig(Parse(source.KubeconfigContent, "the kubeconfig content", baseDirectory: null), "the kubeconfig content");

        if (source.KubeconfigPath is not null)
        {
            if (!File.Exists(source.KubeconfigPath))
                throw new LiqoException(ErrorIds.KubeconfigNotFound, LiqoErrorCategory.ObjectNotFound, source.KubeconfigPath,
                    $"The kubeconfig file '{source.KubeconfigPath}' does not exist. Give the path of an existing kubeconfig file.");
            return new LoadedKubeconfig(ParseFile(source.KubeconfigPath), source.KubeconfigPath);
        }

        var env = source.EnvironmentKubeconfig ?? Environment.GetEnvironmentVariable(KubeconfigSource.EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            var separator = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ';' : ':';
            var files = env.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => Path.GetFullPath(p.Trim('"')))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var existing = files.Where(File.Exists).ToList();
            if (existing.Count == 0)
                throw new LiqoException(ErrorIds.KubeconfigNotFound, LiqoErrorCategory.ObjectNotFound, env,
                    $"None of the files in ${KubeconfigSource.EnvironmentVariable} exists ({string.Join(", ", files)}). " +
                    "Set it to existing kubeconfig files, or pass -Kubeconfig or -KubeconfigContent.");
            var merged = existing.Select(ParseFile).Aggregate(new K8SConfiguration(), Merge);
            return new LoadedKubeconfig(merged, string.Join(separator, existing));
        }

        var home = source.HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var defaultPath = Path.Combine(home, ".kube", "config");
        if (!File.Exists(defaultPath))
            throw new LiqoException(ErrorIds.KubeconfigNotFound, LiqoErrorCategory.ObjectNotFound, defaultPath,
                $"No kubeconfig was given and '{defaultPath}' does not exist, nor is ${KubeconfigSource.EnvironmentVariable} set. " +
                "Pass -Kubeconfig <path> or -KubeconfigContent <yaml>, or set $env:KUBECONFIG.");
        return new LoadedKubeconfig(ParseFile(defaultPath), defaultPath);
    }

    private static K8SConfiguration ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LiqoException(ErrorIds.KubeconfigNotFound, LiqoErrorCategory.ObjectNotFound, path,
                $"The kubeconfig file '{path}' cannot be read: {e.Message}", innerException: e);
        }
        return Parse(text, $"the kubeconfig file '{path}'", Path.GetDirectoryName(path));
    }

    /// <summary>Parses kubeconfig YAML. Errors name the line and column only, never the content.</summary>
    private static K8SConfiguration Parse(string yaml, string what, string? baseDirectory)
    {
        K8SConfiguration? config;
        try
        {
            config = KubeconfigYaml.Deserialize(yaml);
        }
        catch (YamlException e)
        {
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, what,
                $"Cannot parse {what}: it is not valid kubeconfig YAML (line {e.Start.Line}, column {e.Start.Column}). " +
                "Check the file, e.g. with 'kubectl config view --kubeconfig <file>'.");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, what,
                $"Cannot parse {what}: it is not a kubeconfig.");
        }
        if (config is null || (!(config.Contexts?.Any() ?? false) && !(config.Clusters?.Any() ?? false) && !(config.Users?.Any() ?? false) && string.IsNullOrEmpty(config.CurrentContext)))
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, what,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} holds no clusters, users or contexts: it is not a kubeconfig.");
        config.Clusters ??= new List<Cluster>();
        config.Users ??= new List<User>();
        config.Contexts ??= new List<Context>();
        if (baseDirectory is not null) MakePathsAbsolute(config, baseDirectory);
        return config;
    }

    /// <summary>kubectl resolves relative file references against the directory of the file that holds them.</summary>
    private static void MakePathsAbsolute(K8SConfiguration config, string dir)
    {
        static string? Abs(string? p, string d) => string.IsNullOrEmpty(p) || Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(d, p));
        foreach (var c in config.Clusters)
            if (c.ClusterEndpoint is not null)
                c.ClusterEndpoint.CertificateAuthority = Abs(c.ClusterEndpoint.CertificateAuthority, dir);
        foreach (var u in config.Users)
        {
            if (u.UserCredentials is null) continue;
            u.UserCredentials.ClientCertificate = Abs(u.UserCredentials.ClientCertificate, dir);
            u.UserCredentials.ClientKey = Abs(u.UserCredentials.ClientKey, dir);
            var exec = u.UserCredentials.ExternalExecution;
            // like kubectl: an exec command with a path separator is relative to the kubeconfig; a bare name is looked up on PATH
            if (exec?.Command is { } cmd && !Path.IsPathRooted(cmd) && (cmd.Contains('/') || cmd.Contains('\\')))
                exec.Command = Path.GetFullPath(Path.Combine(dir, cmd));
        }
    }

    /// <summary>kubectl's merge: for clusters, users and contexts the first definition of a name wins; so does the first current-context.</summary>
    private static K8SConfiguration Merge(K8SConfiguration into, K8SConfiguration next)
    {
        into.Clusters ??= new List<Cluster>();
        into.Users ??= new List<User>();
        into.Contexts ??= new List<Context>();
        if (string.IsNullOrEmpty(into.CurrentContext)) into.CurrentContext = next.CurrentContext;
        into.Clusters = into.Clusters.Concat(next.Clusters.Where(c => into.Clusters.All(x => x.Name != c.Name))).ToList();
        into.Users = into.Users.Concat(next.Users.Where(c => into.Users.All(x => x.Name != c.Name))).ToList();
        into.Contexts = into.Contexts.Concat(next.Contexts.Where(c => into.Contexts.All(x => x.Name != c.Name))).ToList();
        return into;
    }

    /// <summary>The context names of a kubeconfig (for argument completion); empty when it cannot be read.</summary>
    public static IReadOnlyList<string> ContextNames(KubeconfigSource source)
    {
        try
        {
            return Load(source).Config.Contexts.Select(c => c.Name).Where(n => !string.IsNullOrEmpty(n)).ToList();
        }
        catch (LiqoException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>
    /// Selects the context (case-sensitively, like kubectl) and builds the client configuration for it.
    /// </summary>
    public static (KubernetesClientConfiguration Config, string Context) BuildClientConfiguration(KubeconfigSource source)
    {
        var loaded = Load(source);
        var config = loaded.Config;
        var contextName = source.Context ?? config.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
            throw new LiqoException(ErrorIds.ContextNotFound, LiqoErrorCategory.InvalidArgument, loaded.Origin,
                $"{Capital(loaded.Origin)} sets no current-context. Pass -Context with one of: {ContextList(config)}.");
        var context = config.Contexts.FirstOrDefault(c => c.Name == contextName);
        if (context is null)
            throw new LiqoException(ErrorIds.ContextNotFound, LiqoErrorCategory.ObjectNotFound, contextName,
                $"The context '{contextName}' does not exist in {loaded.Origin}. Known contexts: {ContextList(config)}.");
        var clusterName = context.ContextDetails?.Cluster;
        if (string.IsNullOrEmpty(clusterName) || config.Clusters.All(c => c.Name != clusterName))
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, contextName,
                $"The context '{contextName}' in {loaded.Origin} refers to the cluster '{clusterName}', which is not defined there.");
        var userName = context.ContextDetails?.User;
        if (!string.IsNullOrEmpty(userName) && config.Users.All(u => u.Name != userName))
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, contextName,
                $"The context '{contextName}' in {loaded.Origin} refers to the user '{userName}', which is not defined there.");

        // KubernetesClient matches names case-insensitively; hand it only what the exact context uses.
        var single = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = contextName,
            Contexts = new List<Context> { context },
            Clusters = config.Clusters.Where(c => c.Name == clusterName).Take(1).ToList(),
            Users = config.Users.Where(u => u.Name == userName).Take(1).ToList(),
        };
        try
        {
            return (KubernetesClientConfiguration.BuildConfigFromConfigObject(single, contextName), contextName);
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or System.Security.Cryptography.CryptographicException or IOException)
        {
            // KubernetesClient's messages name users and paths, not secrets; decoding errors carry no data either.
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, contextName,
                $"The context '{contextName}' in {loaded.Origin} cannot be used: {e.Message}", innerException: e);
        }
    }

    private static string ContextList(K8SConfiguration c) =>
        !c.Contexts.Any() ? "(none)" : string.Join(", ", c.Contexts.Select(x => x.Name));

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
