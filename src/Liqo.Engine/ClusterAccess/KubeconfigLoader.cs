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
        var access = Resolve(source);
        return (access.Config, access.Context);
    }

    /// <summary>What a cluster is reached with: the client configuration, the context's name and who to impersonate.</summary>
    internal sealed record ResolvedAccess(KubernetesClientConfiguration Config, string Context, string? ImpersonateUser,
        IReadOnlyList<string> ImpersonateGroups, string? ImpersonateUid = null);

    /// <summary>
    /// The name the server certificate must carry: the cluster's tls-server-name (KubernetesClient does not read it from
    /// the kubeconfig), else none (the server's host).
    /// </summary>
    private static void KeepTlsServerName(KubernetesClientConfiguration config, ClusterEndpoint endpoint)
    {
        if (!string.IsNullOrEmpty(endpoint.TlsServerName)) config.TlsServerName = endpoint.TlsServerName;
    }

    /// <summary>
    /// Selects the context (case-sensitively, like kubectl), applies kubectl's access flags on top of it as clientcmd does
    /// (<see cref="ClusterAccessOverrides"/>), and builds the client configuration for it.
    /// </summary>
    internal static ResolvedAccess Resolve(KubeconfigSource source)
    {
        var ov = source.Overrides;
        ov.Validate(source.Scope, source.Scope == "remote" ? "Remote" : "");
        LoadedKubeconfig loaded;
        try
        {
            loaded = Load(source);
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.KubeconfigNotFound && ov.Server is not null &&
                                       source.KubeconfigPath is null && source.KubeconfigContent is null)
        {
            // like kubectl: --server works without any kubeconfig ($KUBECONFIG and ~/.kube/config absent)
            loaded = new LoadedKubeconfig(new K8SConfiguration { Clusters = new List<Cluster>(), Users = new List<User>(), Contexts = new List<Context>() },
                "no kubeconfig");
        }
        var config = loaded.Config;
        var contextName = source.Context ?? (string.IsNullOrEmpty(config.CurrentContext) ? null : config.CurrentContext);
        Context? context = null;
        if (contextName is null)
        {
            if (ov.Server is null)
                throw new LiqoException(ErrorIds.ContextNotFound, LiqoErrorCategory.InvalidArgument, loaded.Origin,
                    $"{Capital(loaded.Origin)} sets no current-context. Pass -Context with one of: {ContextList(config)}.");
        }
        else
        {
            context = config.Contexts.FirstOrDefault(c => c.Name == contextName);
            // kubectl ignores a current-context that names no context when --server says where to go; a -Context must exist
            if (context is null && (source.Context is not null || ov.Server is null))
                throw new LiqoException(ErrorIds.ContextNotFound, LiqoErrorCategory.ObjectNotFound, contextName,
                    $"The context '{contextName}' does not exist in {loaded.Origin}. Known contexts: {ContextList(config)}.");
        }
        var shownContext = context?.Name ?? "(none)";

        var clusterName = ov.Cluster ?? context?.ContextDetails?.Cluster;
        var cluster = string.IsNullOrEmpty(clusterName) ? null : config.Clusters.FirstOrDefault(c => c.Name == clusterName);
        if (ov.Cluster is not null && cluster is null)
            throw EntryNotFound("cluster", "Cluster", ov.Cluster, source, loaded, config.Clusters.Select(c => c.Name));
        if (cluster is null && ov.Server is null)
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, contextName,
                $"The context '{contextName}' in {loaded.Origin} refers to the cluster '{clusterName}', which is not defined there.");
        cluster ??= new Cluster { Name = "command-line" };
        var endpoint = cluster.ClusterEndpoint ??= new ClusterEndpoint();
        ApplyClusterOverrides(endpoint, ov);
        if (string.IsNullOrEmpty(endpoint.Server))
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, cluster.Name,
                $"The cluster '{cluster.Name}' in {loaded.Origin} has no server. Set its server, or pass -{Prefix(source)}Server.");

        var userName = ov.User ?? context?.ContextDetails?.User;
        var user = string.IsNullOrEmpty(userName) ? null : config.Users.FirstOrDefault(u => u.Name == userName);
        if (ov.User is not null && user is null)
            throw EntryNotFound("user", "User", ov.User, source, loaded, config.Users.Select(u => u.Name));
        if (user is null && !string.IsNullOrEmpty(userName))
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, contextName,
                $"The context '{contextName}' in {loaded.Origin} refers to the user '{userName}', which is not defined there.");
        if (ov.Token is not null)
        {
            user ??= new User { Name = "command-line" };
            var credentials = user.UserCredentials ??= new UserCredentials();
            // a token on the command line is what authenticates, as in client-go (a credential plugin is not run then)
            credentials.Token = ov.Token;
            credentials.ExternalExecution = null;
            credentials.AuthProvider = null;
        }
        var impersonateUser = ov.As ?? NullIfEmpty(user?.UserCredentials?.Impersonate);
        var impersonateGroups = ov.AsGroups is { Count: > 0 } groups ? groups
            : (IReadOnlyList<string>?)user?.UserCredentials?.ImpersonateGroups?.ToList() ?? Array.Empty<string>();

        // KubernetesClient matches names case-insensitively; hand it only what the exact context uses.
        var selected = contextName ?? "command-line";
        var single = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = selected,
            Contexts = new List<Context>
            {
                new() { Name = selected, ContextDetails = new ContextDetails { Cluster = cluster.Name, User = user?.Name, Namespace = context?.ContextDetails?.Namespace } },
            },
            Clusters = new List<Cluster> { cluster },
            Users = user is null ? new List<User>() : new List<User> { user },
        };
        try
        {
            var built = KubernetesClientConfiguration.BuildConfigFromConfigObject(single, selected);
            KeepTlsServerName(built, endpoint);
            return new ResolvedAccess(built, shownContext, impersonateUser, impersonateGroups, ov.AsUid);
        }
        catch (Exception e) when (user?.UserCredentials?.ExternalExecution is { } exec && e is not OutOfMemoryException)
        {
            throw CredentialPluginFailed(exec, shownContext, loaded.Origin, source, e);
        }
        catch (Exception e) when (user?.UserCredentials?.AuthProvider is { } provider && e is not OutOfMemoryException)
        {
            throw AuthProviderUnsupported(provider.Name, shownContext, loaded.Origin, source, e);
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or System.Security.Cryptography.CryptographicException or IOException)
        {
            // KubernetesClient's messages name users and paths, not secrets; decoding errors carry no data either.
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, contextName,
                $"The context '{contextName}' in {loaded.Origin} cannot be used: {e.Message}", innerException: e);
        }
    }

    /// <summary>
    /// An exec credential plugin (kubelogin, aws-iam-authenticator, gke-gcloud-auth-plugin...) that could not be run or
    /// printed no usable ExecCredential. KubernetesClient runs it as client-go does (KUBERNETES_EXEC_INFO, env, args), with
    /// no terminal: a plugin that needs to ask something cannot.
    /// </summary>
    private static LiqoException CredentialPluginFailed(ExternalExecution exec, string context, string origin, KubeconfigSource source, Exception e) =>
        new(ErrorIds.CredentialPluginFailed, LiqoErrorCategory.AuthenticationError, exec.Command,
            $"The context '{context}' in {origin} gets its credentials from the exec plugin '{exec.Command}', which failed: {e.Message}",
            $"Check that '{exec.Command}' is installed and on PATH (or named by a path relative to the kubeconfig), that it runs in this " +
            "session without a terminal (log in first, e.g. with 'kubelogin', 'aws sso login' or 'gcloud auth login', where it would ask) " +
            $"and that 'kubectl --context {context} get --raw /version' works; or pass -{Prefix(source)}Token.", e);

    /// <summary>
    /// A user with an auth-provider: KubernetesClient runs oidc (with an id-token) only; azure and gcp were removed from
    /// client-go (kubectl 1.26) and from KubernetesClient, in favour of exec plugins.
    /// </summary>
    private static LiqoException AuthProviderUnsupported(string? name, string context, string origin, KubeconfigSource source, Exception e)
    {
        var instead = name switch
        {
            "azure" => "Convert the kubeconfig to the kubelogin exec plugin: 'kubelogin convert-kubeconfig' (https://github.com/Azure/kubelogin)",
            "gcp" => "Use the gke-gcloud-auth-plugin exec plugin: 'gcloud components install gke-gcloud-auth-plugin', then 'gcloud container clusters get-credentials'",
            "oidc" => "Give the oidc auth-provider an id-token and refresh-token (log in again, e.g. with 'kubectl oidc-login'), or switch to the kubelogin/oidc-login exec plugin",
            _ => "Switch the kubeconfig user to an exec credential plugin or a token",
        };
        return new LiqoException(ErrorIds.AuthProviderUnsupported, LiqoErrorCategory.AuthenticationError, name,
            $"The context '{context}' in {origin} authenticates with the '{name}' auth-provider, which cannot be used here: {e.Message}",
            $"{instead}; or pass -{Prefix(source)}Token.", e);
    }

    /// <summary>clientcmd's merge of the cluster flags: a CA or insecure flag replaces both TLS settings; --server resets the TLS server name.</summary>
    private static void ApplyClusterOverrides(ClusterEndpoint endpoint, ClusterAccessOverrides ov)
    {
        if (ov.Server is not null) endpoint.Server = ov.Server;
        if (ov.InsecureSkipTlsVerify || ov.CertificateAuthority is not null)
        {
            endpoint.SkipTlsVerify = ov.InsecureSkipTlsVerify;
            endpoint.CertificateAuthority = ov.CertificateAuthority;
            endpoint.CertificateAuthorityData = null;
        }
        if (ov.TlsServerName is not null || ov.Server is not null) endpoint.TlsServerName = ov.TlsServerName;
        if (ov.CertificateAuthority is not null && !File.Exists(ov.CertificateAuthority))
            throw new LiqoException(ErrorIds.KubeconfigNotFound, LiqoErrorCategory.ObjectNotFound, ov.CertificateAuthority,
                $"The certificate authority file '{ov.CertificateAuthority}' does not exist. Give the path of the PEM file of the API server's CA.");
    }

    private static LiqoException EntryNotFound(string what, string parameter, string name, KubeconfigSource source, LoadedKubeconfig loaded,
        IEnumerable<string> known)
    {
        var names = known.Where(n => !string.IsNullOrEmpty(n)).ToList();
        return new LiqoException(ErrorIds.KubeconfigEntryNotFound, LiqoErrorCategory.ObjectNotFound, name,
            $"The {what} '{name}' given with -{Prefix(source)}{parameter} does not exist in {loaded.Origin}. Known {what}s: " +
            $"{(names.Count == 0 ? "(none)" : string.Join(", ", names))}.");
    }

    private static string Prefix(KubeconfigSource source) => source.Scope == "remote" ? "Remote" : "";

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string ContextList(K8SConfiguration c) =>
        !c.Contexts.Any() ? "(none)" : string.Join(", ", c.Contexts.Select(x => x.Name));

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
