using k8s;
using k8s.KubeConfigModels;
using Liqo.Engine.ClusterAccess;
using YamlDotNet.Serialization;

namespace Liqo.Engine.Tests.ClusterAccess;

/// <summary>The engine's own kubeconfig deserializer reads every kubeconfig field as KubernetesClient's KubernetesYaml does.</summary>
public sealed class KubeconfigYamlTests
{
    // every key of kubectl's kubeconfig that KubernetesClient models, with exec plugins, an auth-provider and extensions
    private const string Everything = """
        apiVersion: v1
        kind: Config
        preferences:
          colors: true
        current-context: aks
        extensions:
        - name: top
          extension:
            count: 3
            enabled: true
            note: "quoted"
        clusters:
        - name: aks-cluster
          cluster:
            server: https://aks.example:443
            certificate-authority-data: Q0EgZGF0YQ==
            tls-server-name: api.aks.example
            extensions:
            - name: client.authentication.k8s.io/exec
              extension:
                audience: 6dae42f8
        - name: local
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority: ca.crt
            insecure-skip-tls-verify: true
        contexts:
        - name: aks
          context:
            cluster: aks-cluster
            user: kubelogin
            namespace: liqo
        - name: local
          context:
            cluster: local
            user: gke
        users:
        - name: kubelogin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: kubelogin
              args:
              - get-token
              - --login
              - azurecli
              env:
              - name: AAD_SERVICE_PRINCIPAL_CLIENT_ID
                value: "0000"
              installHint: install kubelogin
              provideClusterInfo: true
        - name: gke
          user:
            auth-provider:
              name: gcp
              config:
                cmd-path: /usr/bin/gcloud
                expiry-key: '{.credential.token_expiry}'
        - name: basic
          user:
            username: admin
            password: not-a-real-password
            as: someone
            as-groups: [a, b]
            as-user-extra:
              reason: test
            client-certificate: client.crt
            client-key: client.key
            client-certificate-data: Y2VydA==
            client-key-data: a2V5
            token: not-a-real-token
        unknown-key: ignored
        """;

    private static string Dump(K8SConfiguration? c) => new SerializerBuilder().Build().Serialize(c);

    [Fact]
    public void ReadsEveryKubeconfigFieldAsKubernetesYamlDoes()
    {
        var ours = KubeconfigYaml.Deserialize(Everything);
        Assert.Equal(Dump(KubernetesYaml.Deserialize<K8SConfiguration>(Everything)), Dump(ours));
        // and the values themselves, so that two deserializers that both dropped a field cannot agree on nothing
        Assert.Equal("kubelogin", ours!.Users.First().UserCredentials.ExternalExecution.Command);
        Assert.Equal("0000", ours.Users.First().UserCredentials.ExternalExecution.EnvironmentVariables[0]["value"]);
        Assert.True(ours.Users.First().UserCredentials.ExternalExecution.ProvideClusterInfo);
        Assert.Equal("/usr/bin/gcloud", ours.Users.ElementAt(1).UserCredentials.AuthProvider.Config["cmd-path"]);
        Assert.True(ours.Clusters.ElementAt(1).ClusterEndpoint.SkipTlsVerify);
        Assert.Equal(new[] { "a", "b" }, ours.Users.ElementAt(2).UserCredentials.ImpersonateGroups);
        Assert.Equal("liqo", ours.Contexts.First().ContextDetails.Namespace);
    }
}
