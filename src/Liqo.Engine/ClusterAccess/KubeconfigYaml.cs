using k8s.KubeConfigModels;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Reads kubeconfig YAML into KubernetesClient's kubeconfig types. KubernetesClient's own KubernetesYaml reads them the
/// same way, but on first use it builds deserializers (and a serializer) that know every Kubernetes model type, a
/// reflection pass over the whole KubernetesClient assembly: measured, most of a cmdlet's first call in a fresh process
/// (a runbook job). The kubeconfig types name their YAML keys with YamlMember aliases, so this deserializer, with
/// KubernetesYaml's other settings (camelCase, typed unquoted scalars, unknown keys ignored), reads them alike
/// (tests/Liqo.Engine.Tests/ClusterAccess/KubeconfigYamlTests.cs compares the two).
/// </summary>
internal static class KubeconfigYaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();

    public static K8SConfiguration? Deserialize(string yaml) => Deserializer.Deserialize<K8SConfiguration>(yaml);
}
