using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Offloading;

namespace Liqo.Engine.Tests.GoFormat;

/// <summary>
/// liqoctl create resourceslice / create virtualnode -o json|yaml, golden texts built from Liqo v1.2.0's source: the Go
/// structs' field order and json tags (apis/authentication/v1beta1/resourceslice_types.go,
/// apis/offloading/v1beta1/virtualnode_types.go, apis/core/v1beta1/common_types.go), what forge.MutateResourceSlice and
/// forge.MutateVirtualNode set, and cli-runtime's printers (MarshalIndent with four spaces; sigs.k8s.io/yaml).
/// </summary>
public sealed class KubectlPrinterTests
{
    private static readonly ResourceSliceOptions Slice = new()
    {
        Resources = new Dictionary<string, string> { ["memory"] = "1Gi", ["cpu"] = "1000m", ["example.com/dongle"] = "2", ["pods"] = "" },
        CreateVirtualNode = true,
    };

    [Fact]
    public void ResourceSliceJsonIsWhatLiqoctlPrints()
    {
        var text = ResourceSlice.Print(ResourceSlice.Forge("gpu", "liqo-tenant-milan", "milan", Slice), MachineFormat.Json);
        Assert.Equal("""
            {
                "kind": "ResourceSlice",
                "apiVersion": "authentication.liqo.io/v1beta1",
                "metadata": {
                    "name": "gpu",
                    "namespace": "liqo-tenant-milan",
                    "labels": {
                        "liqo.io/remote-cluster-id": "milan",
                        "liqo.io/remoteID": "milan",
                        "liqo.io/replication": "true"
                    },
                    "annotations": {
                        "liqo.io/create-virtual-node": "true"
                    }
                },
                "spec": {
                    "providerClusterID": "milan",
                    "resources": {
                        "cpu": "1",
                        "example.com/dongle": "2",
                        "memory": "1Gi"
                    },
                    "class": "default"
                },
                "status": {}
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void ResourceSliceYamlWithoutVirtualNodeOrResourcesHasNoAnnotationsAndNoResources()
    {
        var o = new ResourceSliceOptions { CreateVirtualNode = false, Resources = new Dictionary<string, string>() };
        var text = ResourceSlice.Print(ResourceSlice.Forge("s", "liqo-tenant-milan", "milan", o), MachineFormat.Yaml);
        // no "---": a fresh YAMLPrinter writes the separator only before its second object
        Assert.Equal("""
            apiVersion: authentication.liqo.io/v1beta1
            kind: ResourceSlice
            metadata:
              labels:
                liqo.io/remote-cluster-id: milan
                liqo.io/remoteID: milan
                liqo.io/replication: "true"
              name: s
              namespace: liqo-tenant-milan
            spec:
              class: default
              providerClusterID: milan
            status: {}

            """.ReplaceLineEndings("\n"), text);
    }

    private static readonly VirtualNodeOptions AllOptions = new()
    {
        KubeconfigSecretName = "kubeconfig-x",
        Resources = new Dictionary<string, string> { ["pods"] = "110", ["memory"] = "4096Mi", ["nvidia.com/gpu"] = "1", ["cpu"] = "1500m" },
        StorageClasses = ["fast", "slow"],
        IngressClasses = ["nginx"],
        LoadBalancerClasses = ["metallb"],
        Labels = new Dictionary<string, string> { ["zone"] = "a", ["a-first"] = "1" },
        NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" },
        RuntimeClassName = "kata",
        CreateNode = false,
        DisableNetworkCheck = true,
    };

    private static VirtualNode.Content ContentOf(VirtualNodeOptions o, (string, string)? template = null) => VirtualNode.FromFlags(o, template);

    [Fact]
    public void VirtualNodeJsonIsWhatLiqoctlPrints()
    {
        var text = VirtualNode.Print(VirtualNode.Forge("milan", "liqo-tenant-milan", "milan", ContentOf(AllOptions), AllOptions), MachineFormat.Json);
        Assert.Equal("""
            {
                "kind": "VirtualNode",
                "apiVersion": "offloading.liqo.io/v1beta1",
                "metadata": {
                    "name": "milan",
                    "namespace": "liqo-tenant-milan",
                    "labels": {
                        "liqo.io/remote-cluster-id": "milan"
                    }
                },
                "spec": {
                    "clusterID": "milan",
                    "offloadingPatch": {
                        "nodeSelector": {
                            "disk": "ssd"
                        },
                        "runtimeClassName": "kata"
                    },
                    "createNode": false,
                    "disableNetworkCheck": true,
                    "kubeconfigSecretRef": {
                        "name": "kubeconfig-x"
                    },
                    "resourceQuota": {
                        "hard": {
                            "cpu": "1500m",
                            "memory": "4Gi",
                            "nvidia.com/gpu": "1",
                            "pods": "110"
                        }
                    },
                    "labels": {
                        "a-first": "1",
                        "liqo.io/remote-cluster-id": "milan",
                        "zone": "a"
                    },
                    "storageClasses": [
                        {
                            "storageClassName": "fast",
                            "default": true
                        },
                        {
                            "storageClassName": "slow"
                        }
                    ],
                    "ingressClasses": [
                        {
                            "ingressClassName": "nginx",
                            "default": true
                        }
                    ],
                    "loadBalancerClasses": [
                        {
                            "loadBalancerClassName": "metallb",
                            "default": true
                        }
                    ]
                },
                "status": {}
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void VirtualNodeYamlWithDefaultsQuotesNumbersAndKeepsFalseFlags()
    {
        var o = new VirtualNodeOptions { KubeconfigSecretName = "kubeconfig-x" };
        var text = VirtualNode.Print(VirtualNode.Forge("milan", "liqo-tenant-milan", "milan", ContentOf(o), o), MachineFormat.Yaml);
        // createNode and disableNetworkCheck are *bool that liqoctl always sets: printed even when false; the empty class
        // lists are omitempty
        Assert.Equal("""
            apiVersion: offloading.liqo.io/v1beta1
            kind: VirtualNode
            metadata:
              labels:
                liqo.io/remote-cluster-id: milan
              name: milan
              namespace: liqo-tenant-milan
            spec:
              clusterID: milan
              createNode: true
              disableNetworkCheck: false
              kubeconfigSecretRef:
                name: kubeconfig-x
              labels:
                liqo.io/remote-cluster-id: milan
              resourceQuota:
                hard:
                  cpu: "2"
                  memory: 4Gi
                  pods: "110"
            status: {}

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void VirtualNodeWithoutResourcesHasAnEmptyResourceQuotaAndTheTemplateReferenceInObjectReferenceOrder()
    {
        var o = new VirtualNodeOptions { KubeconfigSecretName = "k", Resources = new Dictionary<string, string>() };
        var vn = VirtualNode.Forge("n", "t", "milan", ContentOf(o, ("liqo", "fast-vk")), o);
        var json = JsonNode.Parse(VirtualNode.Print(vn, MachineFormat.Json))!;
        Assert.Equal("{}", json["spec"]!["resourceQuota"]!.ToJsonString());
        Assert.Equal("""{"namespace":"liqo","name":"fast-vk"}""", json["spec"]!["vkOptionsTemplateRef"]!.ToJsonString());
        Assert.Equal(["clusterID", "createNode", "disableNetworkCheck", "kubeconfigSecretRef", "resourceQuota", "labels", "vkOptionsTemplateRef"],
            json["spec"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void StructRefusesAFieldTheGoStructDoesNotHave()
    {
        Assert.Throws<ArgumentException>(() => KubectlPrinter.Struct(new JsonObject { ["name"] = "x", ["bogus"] = 1 }, "name"));
    }

    [Fact]
    public void MapSortsKeysByteWiseAsGoDoes()
    {
        var map = KubectlPrinter.Map(new JsonObject { ["b"] = "1", ["B"] = "2", ["a-b"] = "3", ["a"] = "4", ["é"] = "5" });
        Assert.Equal(["B", "a", "a-b", "b", "é"], map.Select(p => p.Key));
    }
}
