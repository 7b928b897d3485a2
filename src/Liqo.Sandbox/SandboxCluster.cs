using System.Net;
using System.Security.Cryptography.X509Certificates;
using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Audit;
using Liqo.Sandbox.ApiServer.Controllers;
using Liqo.Sandbox.ApiServer.Http;
using Liqo.Sandbox.ApiServer.Security;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Liqo.Sandbox;

/// <summary>
/// One sandbox Kubernetes cluster: an HTTPS API server on 127.0.0.1 (Kestrel, HTTP/1.1 and HTTP/2) with its own CA,
/// client-certificate and bearer-token authentication, RBAC, audit log, fault injection, in-memory storage and the
/// controllers a client can observe (CRD establishment, namespace deletion, garbage collection). Shares nothing with
/// other clusters.
/// </summary>
public sealed class SandboxCluster : IAsyncDisposable
{
    private const string AdminUser = "kubernetes-admin";
    private readonly WebApplication _app;
    private readonly ClusterCertificateAuthority _ca;
    private readonly Authenticator _authenticator;
    private readonly AuditLog _audit;
    private readonly ClusterControllers _controllers;
    private readonly CancellationTokenSource _shutdown;
    private readonly X509Certificate2 _serverCertificate;
    private int _disposed;
    private volatile bool _auditCommits;

    private SandboxCluster(SandboxClusterOptions options, WebApplication app, ClusterCertificateAuthority ca, Authenticator authenticator,
        AuditLog audit, ClusterStore store, FaultInjector faults, ClusterControllers controllers, CancellationTokenSource shutdown,
        X509Certificate2 serverCertificate)
    {
        Name = options.Name;
        _app = app;
        _ca = ca;
        _authenticator = authenticator;
        _audit = audit;
        Store = store;
        Faults = faults;
        _controllers = controllers;
        _shutdown = shutdown;
        _serverCertificate = serverCertificate;
        AuditLogPath = audit.Path;
        CaCertificatePem = ca.CertificatePem;
        KubeconfigPath = Path.Combine(options.Directory, options.Name + ".kubeconfig");
        store.AddAfterCommitHook(record =>
        {
            if (_auditCommits) _audit.Write(CommitAudit.Event(record));
        });
    }

    public string Name { get; }
    /// <summary>https://127.0.0.1:&lt;port&gt;</summary>
    public Uri Server { get; private set; } = null!;
    /// <summary>The admin kubeconfig (user kubernetes-admin in group system:masters, client certificate), context = Name.</summary>
    public string KubeconfigPath { get; }
    public string AuditLogPath { get; }
    public string CaCertificatePem { get; }
    /// <summary>In-process access for controllers and tests: the same strategies, resourceVersions and watch events as HTTP.</summary>
    public ClusterStore Store { get; }
    /// <summary>
    /// Also audit every committed write, the in-process controllers' included, with its resourceVersion and commit time
    /// (user agent liqo-sandbox-store; see CommitAudit). Off by default: the audit log holds requests only. Benchmarks
    /// turn it on to learn when the server made the state a client waited for.
    /// </summary>
    public bool AuditCommits
    {
        get => _auditCommits;
        set => _auditCommits = value;
    }
    public FaultInjector Faults { get; }
    /// <summary>The namespace controller, CRD finalizer and garbage collector of this cluster (tests observe their passes).</summary>
    internal ClusterControllers Controllers => _controllers;
    /// <summary>Client-certificate and token authentication of this cluster (tests observe its chain building).</summary>
    internal Authenticator Authenticator => _authenticator;

    public static async Task<SandboxCluster> StartAsync(SandboxClusterOptions options, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name);
        Directory.CreateDirectory(options.Directory);
        var time = TimeProvider.System;
        var ca = new ClusterCertificateAuthority(options.Name);
        var serverCert = ca.IssueServerCertificate();
        var store = new ClusterStore(new TypeRegistry(), time, options.WatchHistory);
        store.AddAfterCommitHook(new CrdEstablisher(store).OnCommitted);
        store.AddAfterCommitHook(new NamespaceSeeder(store, ca.CertificatePem).OnCommitted);
        BootstrapObjects.Seed(store, options.Name);

        var authenticator = new Authenticator(ca);
        var authorizer = new RbacAuthorizer(store);
        var audit = new AuditLog(Path.Combine(options.Directory, options.Name + ".audit.jsonl"));
        var faults = new FaultInjector();
        var shutdown = new CancellationTokenSource();
        var controllers = new ClusterControllers(store, new CertificateSigner(store, ca.SignRequest));
        var address = "127.0.0.1";

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Liqo.Sandbox", Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseSetting(WebHostDefaults.PreventHostingStartupKey, "true");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            k.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
            k.Limits.MinResponseDataRate = null;
            k.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = serverCert;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    // Chain validation happens in the authenticator, so a bad certificate is a 401 like the real server.
                    https.ClientCertificateValidation = (_, _, _) => true;
                });
            });
        });
        var app = builder.Build();
        var pipeline = new ApiPipeline(store, authenticator, authorizer, audit, faults,
            new DiscoveryHandler(store.Types, options.ServerVersion, () => address),
            new OpenApiHandler(store.Types, options.ServerVersion),
            new ResourceHandler(store, authorizer, time),
            new WatchHandler(store, time),
            time, shutdown.Token);
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        address = $"127.0.0.1:{port}";

        var cluster = new SandboxCluster(options, app, ca, authenticator, audit, store, faults, controllers, shutdown, serverCert)
        {
            Server = new Uri($"https://127.0.0.1:{port}"),
        };
        controllers.Start(shutdown.Token);
        cluster.WriteKubeconfig(cluster.KubeconfigPath, AdminUser, [UserInfo.Masters]);
        return cluster;
    }

    /// <summary>A client identity signed by the cluster CA (CN = user, O = groups).</summary>
    public IssuedCertificate IssueClientCertificate(string user, IReadOnlyList<string> groups, ClientKeyAlgorithm alg = ClientKeyAlgorithm.EcdsaP256,
        TimeSpan? validity = null) =>
        _ca.IssueClient(user, groups, alg, validity ?? TimeSpan.FromDays(365));

    /// <summary>Signs a PKCS#10 request (DER) with the cluster CA as a client certificate; RSA, ECDSA and Ed25519 subject keys.</summary>
    public X509Certificate2 SignCertificateRequest(byte[] pkcs10Der, TimeSpan validity) => _ca.SignRequest(pkcs10Der, validity);

    /// <summary>Registers a bearer token for a user and groups; returns the token.</summary>
    public string AddBearerToken(string user, IReadOnlyList<string> groups) => _authenticator.AddToken(user, groups);

    /// <summary>Writes a kubeconfig for a user (context = the cluster name, namespace default); returns the path.</summary>
    public string WriteKubeconfig(string path, string user, IReadOnlyList<string> groups, KubeconfigAuth auth = KubeconfigAuth.ClientCertificate)
    {
        string yaml;
        var entry = $"{Name}-{user}";
        if (auth == KubeconfigAuth.Token)
            yaml = KubeconfigWriter.Build(Name, Server, CaCertificatePem, entry, null, null, AddBearerToken(user, groups));
        else
        {
            var cert = IssueClientCertificate(user, groups);
            yaml = KubeconfigWriter.Build(Name, Server, CaCertificatePem, entry, cert.CertificatePem, cert.PrivateKeyPem, null);
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Stops fast: open watches are cancelled first, then the server stops with a short grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await _controllers.StopAsync().ConfigureAwait(false);
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        _audit.Dispose();
        _ca.Dispose();
        _serverCertificate.Dispose();
        _shutdown.Dispose();
        Faults.Dispose();
    }
}
