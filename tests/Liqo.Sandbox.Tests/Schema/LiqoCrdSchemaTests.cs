using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>
/// The schema engine against Liqo v1.2.0's real CRDs (read from ../shared/liqo-crds/): realistic objects are
/// admitted unchanged except for the server's defaults, and invalid ones are refused with the API server's words.
/// </summary>
public sealed class LiqoCrdSchemaTests(LiqoCrdFixture crds, ITestOutputHelper output) : IClassFixture<LiqoCrdFixture>
{
    private static JsonObject Yaml(string yaml) => YamlJson.LoadObject(yaml);

    private static Admission.Result Admit(LiqoCrdSet set, string kindVersion, string yaml, string? oldYaml = null) =>
        Admission.Run(set[kindVersion], Yaml(yaml), oldYaml is null ? null : Yaml(oldYaml));

    [LiqoCrdFact]
    public void Every_crd_file_builds_a_structural_schema_for_each_served_version_quickly()
    {
        var set = crds.V120;
        output.WriteLine($"{set.Files.Count} files, {set.BuiltVersions.Count} versions; YAML {set.ParseTime.TotalMilliseconds:F0} ms, schemas {set.BuildTime.TotalMilliseconds:F0} ms");
        Assert.Equal(28, set.Files.Count);
        Assert.Equal(28, set.BuiltVersions.Count);
        Assert.Contains("networking.liqo.io_wggatewayservers.yaml#v1beta1", set.BuiltVersions);
        // About 0.1 s on an idle 2-core machine; the bound only catches pathological slowness under CI load.
        Assert.True(set.BuildTime < TimeSpan.FromSeconds(5), $"building the schemas took {set.BuildTime}");
    }

    [LiqoCrdFact(NeedsMaster = true)]
    public void Master_snapshot_crds_build_too()
    {
        var master = crds.Master;
        Assert.NotNull(master);
        Assert.Equal(28, master.BuiltVersions.Count);
    }

    [LiqoCrdFact]
    public void Every_crd_prunes_unknown_root_fields_and_refuses_a_spec_of_the_wrong_type()
    {
        foreach (var kindVersion in crds.V120.KindVersions)
        {
            var schema = crds.V120[kindVersion];
            var kind = kindVersion.Split('/')[0];
            var obj = new JsonObject
            {
                ["apiVersion"] = "x.liqo.io/v1",
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = "a", ["namespace"] = "b" },
                ["spec"] = new JsonArray(1, 2),
                ["bogus"] = true,
            };
            Assert.Equal(["bogus"], schema.Prune(obj));
            schema.ApplyDefaults(obj);
            var errors = schema.Validate(obj, null).Select(e => e.ToString()).ToList();
            Assert.True(errors.Count > 0, kindVersion);
            Assert.Equal("spec: Invalid value: \"array\": spec in body must be of type object: \"array\"", errors[0]);
        }
    }

    [LiqoCrdFact]
    public void Every_crd_admits_an_empty_spec_or_names_what_is_required()
    {
        foreach (var kindVersion in crds.V120.KindVersions)
        {
            var r = Admission.Run(crds.V120[kindVersion], new JsonObject
            {
                ["apiVersion"] = "x.liqo.io/v1",
                ["kind"] = kindVersion.Split('/')[0],
                ["metadata"] = new JsonObject { ["name"] = "a" },
                ["spec"] = new JsonObject(),
            });
            Assert.All(r.Errors, e => Assert.True(
                e.EndsWith(": Required value", StringComparison.Ordinal) || e.StartsWith("<nil>: Invalid value: \"null\": some validation rules", StringComparison.Ordinal),
                $"{kindVersion}: {e}"));
        }
    }

    // ---------------------------------------------------------------- ForeignCluster

    private const string ForeignCluster = """
        apiVersion: core.liqo.io/v1beta1
        kind: ForeignCluster
        metadata:
          name: cluster-b
          labels:
            liqo.io/remote-cluster-id: cluster-b
        spec:
          clusterID: cluster-b
        status:
          role: Provider
          apiServerUrl: https://10.0.0.2:6443
          tenantNamespace:
            local: liqo-tenant-cluster-b
            remote: liqo-tenant-cluster-a
          modules:
            networking:
              enabled: true
              conditions:
              - type: NetworkConnectionStatus
                status: Established
                reason: Connected
                message: The connection is established
                lastTransitionTime: "2026-11-28T10:00:00Z"
            authentication:
              enabled: true
            offloading:
              enabled: false
        """;

    [LiqoCrdFact]
    public void ForeignCluster_realistic_object_is_admitted_unchanged()
    {
        var r = Admit(crds.V120, "ForeignCluster/v1beta1", ForeignCluster);
        Assert.Empty(r.Errors);
        Assert.Empty(r.Pruned);
        Assert.True(JsonNode.DeepEquals(Yaml(ForeignCluster), r.Object), r.Object.ToJsonString());
    }

    [LiqoCrdFact]
    public void ForeignCluster_without_clusterID_is_required_and_blocks_the_cel_rules()
    {
        var r = Admit(crds.V120, "ForeignCluster/v1beta1", """
            apiVersion: core.liqo.io/v1beta1
            kind: ForeignCluster
            metadata: {name: cluster-b}
            spec: {}
            """);
        Assert.Equal(
            [
                "spec.clusterID: Required value",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
            ],
            r.Errors);
    }

    [LiqoCrdFact]
    public void ForeignCluster_clusterID_must_match_the_pattern()
    {
        var r = Admit(crds.V120, "ForeignCluster/v1beta1", ForeignCluster.Replace("clusterID: cluster-b", "clusterID: Cluster_B"));
        Assert.Equal(["spec.clusterID: Invalid value: \"Cluster_B\": spec.clusterID in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"], r.Errors);
    }

    [LiqoCrdFact]
    public void ForeignCluster_clusterID_is_immutable_on_update_only()
    {
        var changed = ForeignCluster.Replace("clusterID: cluster-b", "clusterID: cluster-c");
        Assert.Empty(Admit(crds.V120, "ForeignCluster/v1beta1", changed).Errors);
        Assert.Empty(Admit(crds.V120, "ForeignCluster/v1beta1", ForeignCluster, ForeignCluster).Errors);
        var r = Admit(crds.V120, "ForeignCluster/v1beta1", changed, ForeignCluster);
        Assert.Equal(["spec.clusterID: Invalid value: \"string\": ClusterID field is immutable"], r.Errors);
    }

    [LiqoCrdFact]
    public void ForeignCluster_wrong_types_are_reported_with_the_json_type_names()
    {
        var r = Admit(crds.V120, "ForeignCluster/v1beta1", """
            apiVersion: core.liqo.io/v1beta1
            kind: ForeignCluster
            metadata: {name: x}
            spec: {clusterID: 42}
            status: {modules: {authentication: {enabled: true}, networking: {enabled: "yes"}, offloading: {enabled: false}}}
            """);
        Assert.Equal(
            [
                "spec.clusterID: Invalid value: \"integer\": spec.clusterID in body must be of type string: \"integer\"",
                "status.modules.networking.enabled: Invalid value: \"string\": status.modules.networking.enabled in body must be of type boolean: \"string\"",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
            ],
            r.Errors);
    }

    [LiqoCrdFact]
    public void ForeignCluster_unknown_fields_are_pruned_including_unknown_metadata()
    {
        var r = Admit(crds.V120, "ForeignCluster/v1beta1", """
            apiVersion: core.liqo.io/v1beta1
            kind: ForeignCluster
            metadata: {name: x, color: blue}
            spec:
              clusterID: x
              foo: bar
              zzz: {a: 1}
            status:
              tenantNamespace: {local: a, extra: 1}
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(["spec.foo", "spec.zzz", "status.tenantNamespace.extra", "metadata.color"], r.Pruned);
        Assert.Equal("""{"apiVersion":"core.liqo.io/v1beta1","kind":"ForeignCluster","metadata":{"name":"x"},"spec":{"clusterID":"x"},"status":{"tenantNamespace":{"local":"a"},"role":"Unknown"}}""", r.Object.ToJsonString());
    }

    // ---------------------------------------------------------------- Tenant

    private const string Tenant = """
        apiVersion: authentication.liqo.io/v1beta1
        kind: Tenant
        metadata:
          name: cluster-a
          namespace: liqo-tenant-cluster-a
          labels:
            liqo.io/remote-cluster-id: cluster-a
        spec:
          clusterID: cluster-a
          publicKey: LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KTUNvd0JRWURLMlZ3QXlFQQotLS0tLUVORCBQVUJMSUMgS0VZLS0tLS0K
          csr: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==
          signature: 3q2+7w==
        """;

    [LiqoCrdFact]
    public void Tenant_gets_the_server_side_defaults()
    {
        var r = Admit(crds.V120, "Tenant/v1beta1", Tenant);
        Assert.Empty(r.Errors);
        Assert.Equal("KeysExchange", r.Object["spec"]!["authzPolicy"]!.GetValue<string>());
        Assert.Equal("Active", r.Object["spec"]!["tenantCondition"]!.GetValue<string>());
    }

    [LiqoCrdFact]
    public void Tenant_enum_byte_format_and_immutability_are_enforced()
    {
        var bad = Tenant.Replace("signature: 3q2+7w==", "signature: not base64!\n  tenantCondition: Frozen");
        var r = Admit(crds.V120, "Tenant/v1beta1", bad);
        Assert.Equal(
            [
                "spec.signature: Invalid value: \"not base64!\": spec.signature in body must be of type byte: \"not base64!\"",
                "spec.tenantCondition: Unsupported value: \"Frozen\": supported values: \"Active\", \"Cordoned\", \"Drained\"",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
            ],
            r.Errors);

        var moved = Admit(crds.V120, "Tenant/v1beta1", Tenant.Replace("clusterID: cluster-a", "clusterID: cluster-z"), Tenant);
        Assert.Equal(["spec.clusterID: Invalid value: \"string\": ClusterID is immutable"], moved.Errors);
    }

    // ---------------------------------------------------------------- Identity

    private const string Identity = """
        apiVersion: authentication.liqo.io/v1beta1
        kind: Identity
        metadata:
          name: controlplane-cluster-b
          namespace: liqo-tenant-cluster-b
          labels: {liqo.io/remote-cluster-id: cluster-b}
        spec:
          clusterID: cluster-b
          type: ControlPlane
          namespace: liqo-tenant-cluster-a
          authParams:
            ca: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
            signedCRT: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
            apiServer: https://172.18.0.3:6443
        status:
          kubeconfigSecretRef: {name: kubeconfig-controlplane-cluster-b}
        """;

    [LiqoCrdFact]
    public void Identity_is_admitted_and_its_type_is_an_enum()
    {
        Assert.Empty(Admit(crds.V120, "Identity/v1beta1", Identity).Errors);
        var r = Admit(crds.V120, "Identity/v1beta1", Identity.Replace("type: ControlPlane", "type: Controlplane"));
        Assert.Equal(["spec.type: Unsupported value: \"Controlplane\": supported values: \"ControlPlane\", \"ResourceSlice\""], r.Errors);
    }

    [LiqoCrdFact]
    public void Identity_aws_config_lists_every_missing_required_field()
    {
        var r = Admit(crds.V120, "Identity/v1beta1", Identity.Replace("apiServer: https://172.18.0.3:6443", "apiServer: https://172.18.0.3:6443\n    awsConfig: {awsRegion: eu-west-1}"));
        Assert.Equal(
            [
                "spec.authParams.awsConfig.awsAccessKeyID: Required value",
                "spec.authParams.awsConfig.awsClusterName: Required value",
                "spec.authParams.awsConfig.awsSecretAccessKey: Required value",
                "spec.authParams.awsConfig.awsUserArn: Required value",
            ],
            r.Errors);
    }

    // ---------------------------------------------------------------- ResourceSlice

    private const string ResourceSlice = """
        apiVersion: authentication.liqo.io/v1beta1
        kind: ResourceSlice
        metadata:
          name: cluster-b
          namespace: liqo-tenant-cluster-b
          labels:
            liqo.io/replication: "true"
            liqo.io/remoteID: cluster-b
            liqo.io/remote-cluster-id: cluster-b
          annotations:
            liqo.io/create-virtual-node: "true"
        spec:
          class: default
          providerClusterID: cluster-b
          consumerClusterID: cluster-a
          resources:
            cpu: "2"
            memory: 4Gi
            pods: 10
            nvidia.com/gpu: "2"
        """;

    [LiqoCrdFact]
    public void ResourceSlice_quantities_accept_strings_and_integers()
    {
        var r = Admit(crds.V120, "ResourceSlice/v1beta1", ResourceSlice);
        Assert.Empty(r.Errors);
        Assert.Equal(10, r.Object["spec"]!["resources"]!["pods"]!.GetValue<long>());
    }

    [LiqoCrdFact]
    public void ResourceSlice_quantity_pattern_and_int_or_string_type_are_enforced()
    {
        var r = Admit(crds.V120, "ResourceSlice/v1beta1", ResourceSlice.Replace("memory: 4Gi", "memory: 4 GB"));
        Assert.Equal(
            ["spec.resources.memory: Invalid value: \"4 GB\": spec.resources.memory in body should match '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$'"],
            r.Errors);

        var b = Admit(crds.V120, "ResourceSlice/v1beta1", ResourceSlice.Replace("pods: 10", "pods: true"));
        Assert.Equal("spec.resources.pods: Invalid value: \"boolean\": spec.resources.pods in body must be of type integer,string: \"boolean\"", b.Errors[0]);
        Assert.Contains("<nil>: Invalid value: \"\": \"spec.resources.pods\" must validate at least one schema (anyOf)", b.Errors);
    }

    [LiqoCrdFact]
    public void ResourceSlice_cluster_ids_follow_the_dns_label_pattern()
    {
        var r = Admit(crds.V120, "ResourceSlice/v1beta1", ResourceSlice.Replace("consumerClusterID: cluster-a", "consumerClusterID: -a"));
        Assert.Equal(["spec.consumerClusterID: Invalid value: \"-a\": spec.consumerClusterID in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"], r.Errors);
    }

    // ---------------------------------------------------------------- GatewayServer / GatewayClient

    private const string GatewayServer = """
        apiVersion: networking.liqo.io/v1beta1
        kind: GatewayServer
        metadata:
          name: cluster-a
          namespace: liqo-tenant-cluster-a
          labels: {liqo.io/remote-cluster-id: cluster-a}
        spec:
          mtu: 1340
          endpoint:
            port: 51840
            serviceType: LoadBalancer
          serverTemplateRef:
            apiVersion: networking.liqo.io/v1beta1
            kind: WgGatewayServerTemplate
            name: wireguard-server
            namespace: liqo
          secretRef: {}
        """;

    [LiqoCrdFact]
    public void GatewayServer_gets_defaults_inside_present_objects_only()
    {
        var r = Admit(crds.V120, "GatewayServer/v1beta1", GatewayServer.Replace("    serviceType: LoadBalancer\n", ""));
        Assert.Empty(r.Errors);
        Assert.Equal("ClusterIP", r.Object["spec"]!["endpoint"]!["serviceType"]!.GetValue<string>());
        Assert.Equal("""{"name":""}""", r.Object["spec"]!["secretRef"]!.ToJsonString());
        Assert.Null(r.Object["spec"]!["serviceLabels"]);
    }

    [LiqoCrdFact]
    public void GatewayServer_port_must_be_an_integer_and_service_type_an_enum()
    {
        var r = Admit(crds.V120, "GatewayServer/v1beta1", GatewayServer.Replace("port: 51840", "port: \"51840\"").Replace("LoadBalancer", "Ingress"));
        Assert.Equal(
            [
                "spec.endpoint.port: Invalid value: \"string\": spec.endpoint.port in body must be of type integer: \"string\"",
                "spec.endpoint.serviceType: Unsupported value: \"Ingress\": supported values: \"ClusterIP\", \"NodePort\", \"LoadBalancer\", \"ExternalName\"",
            ],
            r.Errors);
    }

    [LiqoCrdFact(NeedsMaster = true)]
    public void GatewayServer_on_master_enforces_the_port_and_ports_rules()
    {
        var master = crds.Master;
        Assert.NotNull(master);
        var both = Admit(master, "GatewayServer/v1beta1", GatewayServer.Replace("port: 51840", "port: 51840\n    ports: [51840, 51841]"));
        Assert.Equal(["spec.endpoint: Invalid value: \"object\": port and ports are mutually exclusive"], both.Errors);

        var none = Admit(master, "GatewayServer/v1beta1", GatewayServer.Replace("    port: 51840\n", ""));
        Assert.Equal(["spec.endpoint: Invalid value: \"object\": at least one of port or ports must be set"], none.Errors);

        var dup = Admit(master, "GatewayServer/v1beta1", GatewayServer.Replace("port: 51840", "ports: [51840, 51841, 51840]"));
        Assert.Equal(["spec.endpoint: Invalid value: \"object\": ports must not contain duplicates"], dup.Errors);

        Assert.Empty(Admit(master, "GatewayServer/v1beta1", GatewayServer.Replace("port: 51840", "ports: [51840, 51841]")).Errors);
        Assert.Empty(Admit(master, "GatewayServer/v1beta1", GatewayServer).Errors);
    }

    [LiqoCrdFact]
    public void GatewayClient_is_admitted_and_protocol_is_an_enum()
    {
        const string client = """
            apiVersion: networking.liqo.io/v1beta1
            kind: GatewayClient
            metadata: {name: cluster-b, namespace: liqo-tenant-cluster-b, labels: {liqo.io/remote-cluster-id: cluster-b}}
            spec:
              mtu: 1340
              endpoint:
                addresses: [172.18.0.5]
                port: 51840
                protocol: UDP
              clientTemplateRef: {apiVersion: networking.liqo.io/v1beta1, kind: WgGatewayClientTemplate, name: wireguard-client, namespace: liqo}
              secretRef: {}
            """;
        Assert.Empty(Admit(crds.V120, "GatewayClient/v1beta1", client).Errors);
        var r = Admit(crds.V120, "GatewayClient/v1beta1", client.Replace("protocol: UDP", "protocol: udp"));
        Assert.Equal(["spec.endpoint.protocol: Unsupported value: \"udp\": supported values: \"TCP\", \"UDP\""], r.Errors);
    }

    // ---------------------------------------------------------------- Configuration, PublicKey, Connection

    [LiqoCrdFact]
    public void Configuration_cidrs_are_checked_as_cidr()
    {
        const string cfg = """
            apiVersion: networking.liqo.io/v1beta1
            kind: Configuration
            metadata: {name: cluster-b, namespace: liqo-tenant-cluster-b, labels: {liqo.io/remote-cluster-id: cluster-b}}
            spec:
              remote:
                cidr:
                  pod: [10.243.0.0/16]
                  external: [10.70.0.0/16]
            """;
        Assert.Empty(Admit(crds.V120, "Configuration/v1beta1", cfg).Errors);
        var r = Admit(crds.V120, "Configuration/v1beta1", cfg.Replace("10.243.0.0/16", "10.243.0.0/33"));
        Assert.Equal(["spec.remote.cidr.pod[0]: Invalid value: \"10.243.0.0/33\": spec.remote.cidr.pod[0] in body must be of type cidr: \"10.243.0.0/33\""], r.Errors);
    }

    [LiqoCrdFact]
    public void PublicKey_with_owner_reference_is_admitted_and_junk_pruned()
    {
        var r = Admit(crds.V120, "PublicKey/v1beta1", """
            apiVersion: networking.liqo.io/v1beta1
            kind: PublicKey
            metadata:
              name: cluster-b
              namespace: liqo-tenant-cluster-b
              labels: {liqo.io/remote-cluster-id: cluster-b, networking.liqo.io/gateway-resource: "true"}
              ownerReferences:
              - {apiVersion: networking.liqo.io/v1beta1, kind: GatewayClient, name: cluster-b, uid: 6c1f0b5e-0c1e-4a57-9d0b-0b7f3f6c1a11, bogus: 1}
            spec:
              publicKey: 5Lr3U2p2kGkGZQ4YkUoQy4ZbJ0m7Q0QmJ8G3T4Gm9nE=
              privateKey: nope
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(["spec.privateKey", "metadata.ownerReferences[0].bogus"], r.Pruned);
    }

    [LiqoCrdFact]
    public void Connection_requires_its_gateway_ref_and_type()
    {
        var r = Admit(crds.V120, "Connection/v1beta1", """
            apiVersion: networking.liqo.io/v1beta1
            kind: Connection
            metadata: {name: gw-cluster-b, namespace: liqo-tenant-cluster-b}
            spec: {}
            """);
        Assert.Equal(["spec.gatewayRef: Required value", "spec.type: Required value"], r.Errors);
        var ok = Admit(crds.V120, "Connection/v1beta1", """
            apiVersion: networking.liqo.io/v1beta1
            kind: Connection
            metadata: {name: gw-cluster-b, namespace: liqo-tenant-cluster-b}
            spec:
              type: Client
              gatewayRef: {apiVersion: networking.liqo.io/v1beta1, kind: GatewayClient, name: cluster-b, namespace: liqo-tenant-cluster-b, uid: 0f7c}
            status: {value: Connected}
            """);
        Assert.Empty(ok.Errors);
    }

    // ---------------------------------------------------------------- IPAM: Network, IP

    private const string Network = """
        apiVersion: ipam.liqo.io/v1alpha1
        kind: Network
        metadata: {name: cluster-b-pod, namespace: liqo-tenant-cluster-b, labels: {ipam.liqo.io/network-type: remote-pod-cidr}}
        spec:
          cidr: 10.243.0.0/16
          preAllocated: 0
        status:
          cidr: 10.71.0.0/16
        """;

    [LiqoCrdFact]
    public void Network_cidr_and_preallocated_are_immutable_and_bounded()
    {
        Assert.Empty(Admit(crds.V120, "Network/v1alpha1", Network).Errors);
        var neg = Admit(crds.V120, "Network/v1alpha1", Network.Replace("preAllocated: 0", "preAllocated: -1"));
        Assert.Equal(["spec.preAllocated: Invalid value: -1: spec.preAllocated in body should be greater than or equal to 0"], neg.Errors);

        var upd = Admit(crds.V120, "Network/v1alpha1", Network.Replace("cidr: 10.243.0.0/16", "cidr: 10.244.0.0/16").Replace("preAllocated: 0", "preAllocated: 2"), Network);
        Assert.Equal(
            [
                "spec.cidr: Invalid value: \"string\": CIDR field is immutable",
                "spec.preAllocated: Invalid value: \"integer\": PreAllocated field is immutable",
            ],
            upd.Errors);
    }

    [LiqoCrdFact]
    public void Network_without_spec_is_refused()
    {
        var r = Admit(crds.V120, "Network/v1alpha1", "{apiVersion: ipam.liqo.io/v1alpha1, kind: Network, metadata: {name: n}}");
        Assert.Equal(
            [
                "spec: Required value",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
            ],
            r.Errors);
    }

    private const string Ip = """
        apiVersion: ipam.liqo.io/v1alpha1
        kind: IP
        metadata: {name: api-server-proxy, namespace: liqo}
        spec:
          ip: 10.81.0.3
          masquerade: true
          serviceTemplate:
            metadata:
              labels: {app.kubernetes.io/name: proxy}
            spec:
              type: ClusterIP
              selector: {app.kubernetes.io/name: proxy}
              ports:
              - name: http
                port: 8118
                targetPort: 8118
              - name: metrics
                port: 9090
                targetPort: metrics
        """;

    [LiqoCrdFact]
    public void IP_is_admitted_with_list_map_defaults_and_ipv4_checked()
    {
        var r = Admit(crds.V120, "IP/v1alpha1", Ip);
        Assert.Empty(r.Errors);
        Assert.Equal("TCP", r.Object["spec"]!["serviceTemplate"]!["spec"]!["ports"]![1]!["protocol"]!.GetValue<string>());

        var bad = Admit(crds.V120, "IP/v1alpha1", Ip.Replace("ip: 10.81.0.3", "ip: 10.81.0.300"));
        // A format error is a type error for the server, so it also blocks the IP's CEL rules.
        Assert.Equal(
            [
                "spec.ip: Invalid value: \"10.81.0.300\": spec.ip in body must be of type ipv4: \"10.81.0.300\"",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
            ],
            bad.Errors);
    }

    [LiqoCrdFact]
    public void IP_service_ports_are_a_list_map_keyed_by_port_and_protocol()
    {
        var r = Admit(crds.V120, "IP/v1alpha1", Ip.Replace("port: 9090", "port: 8118"));
        Assert.Equal(["spec.serviceTemplate.spec.ports[1]: Duplicate value: map[string]interface {}{\"port\":8118, \"protocol\":\"TCP\"}"], r.Errors);
        Assert.Equal(["port", "protocol"], crds.V120["IP/v1alpha1"].ListMapKeys("spec.serviceTemplate.spec.ports"));
    }

    [LiqoCrdFact]
    public void IP_is_immutable_on_update()
    {
        var r = Admit(crds.V120, "IP/v1alpha1", Ip.Replace("ip: 10.81.0.3", "ip: 10.81.0.4"), Ip);
        Assert.Equal(["spec.ip: Invalid value: \"string\": IP field is immutable"], r.Errors);
    }

    // ---------------------------------------------------------------- Templates and the big WireGuard CRDs

    [LiqoCrdFact]
    public void WgGatewayServerTemplate_keeps_the_free_form_template_and_prunes_elsewhere()
    {
        var r = Admit(crds.V120, "WgGatewayServerTemplate/v1beta1", """
            apiVersion: networking.liqo.io/v1beta1
            kind: WgGatewayServerTemplate
            metadata: {name: wireguard-server, namespace: liqo}
            spec:
              objectKind: {apiVersion: networking.liqo.io/v1beta1, kind: WgGatewayServer, group: x}
              template:
                metadata: {name: "{{ .Name }}", namespace: "{{ .Namespace }}"}
                spec:
                  service:
                    spec: {type: "{{ .Spec.Endpoint.ServiceType }}", ports: [{port: "{{ .Spec.Endpoint.Port }}"}]}
                  deployment:
                    spec: {replicas: 1, anything: {goes: [here]}}
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(["spec.objectKind.group"], r.Pruned);
        Assert.Equal("here", r.Object["spec"]!["template"]!["spec"]!["deployment"]!["spec"]!["anything"]!["goes"]![0]!.GetValue<string>());
    }

    private const string WgGatewayServer = """
        apiVersion: networking.liqo.io/v1beta1
        kind: WgGatewayServer
        metadata:
          name: cluster-a
          namespace: liqo-tenant-cluster-a
          labels: {liqo.io/remote-cluster-id: cluster-a}
        spec:
          secretRef: {name: gw-cluster-a}
          metrics: {enabled: false}
          service:
            metadata: {name: gw-cluster-a, namespace: liqo-tenant-cluster-a}
            spec:
              type: LoadBalancer
              selector: {networking.liqo.io/component: gateway}
              ports:
              - {name: wireguard, port: 51840, protocol: UDP, targetPort: 51840}
          deployment:
            metadata: {name: gw-cluster-a, namespace: liqo-tenant-cluster-a}
            spec:
              replicas: 1
              strategy: {type: Recreate}
              selector:
                matchLabels: {networking.liqo.io/component: gateway}
              template:
                metadata:
                  labels: {networking.liqo.io/component: gateway}
                spec:
                  serviceAccountName: cluster-a-gateway
                  containers:
                  - name: gateway
                    image: ghcr.io/liqotech/gateway:v1.2.0
                    imagePullPolicy: IfNotPresent
                    args: [--name=cluster-a, --mode=server, --metrics-address=:8080]
                    ports:
                    - {name: metrics, containerPort: 8080}
                    securityContext:
                      capabilities: {add: [NET_ADMIN, NET_RAW]}
                      privileged: true
                    resources:
                      requests: {cpu: 100m, memory: 128Mi}
                      limits: {memory: 256Mi}
                  - name: wireguard
                    image: ghcr.io/liqotech/gateway/wireguard:v1.2.0
                    args: [--mode=server, --listen-port=51840, --mtu=1340]
                    ports:
                    - {name: wireguard, containerPort: 51840, protocol: UDP}
                    volumeMounts:
                    - {name: wireguard-config, mountPath: /etc/wireguard/keys}
                  volumes:
                  - name: wireguard-config
                    secret: {secretName: gw-cluster-a}
        """;

    [LiqoCrdFact]
    public void WgGatewayServer_pod_template_is_admitted_with_defaults()
    {
        var schema = crds.V120["WgGatewayServer/v1beta1"];
        var sw = Stopwatch.StartNew();
        var r = Admit(crds.V120, "WgGatewayServer/v1beta1", WgGatewayServer);
        sw.Stop();
        output.WriteLine($"admission of a WgGatewayServer: {sw.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Empty(r.Errors);
        Assert.Empty(r.Pruned);
        var containers = r.Object["spec"]!["deployment"]!["spec"]!["template"]!["spec"]!["containers"]!;
        Assert.Equal("TCP", containers[0]!["ports"]![0]!["protocol"]!.GetValue<string>());
        Assert.Equal("UDP", containers[1]!["ports"]![0]!["protocol"]!.GetValue<string>());
        Assert.Equal(["name"], schema.ListMapKeys("spec.deployment.spec.template.spec.containers"));
        Assert.Equal(["containerPort", "protocol"], schema.ListMapKeys("spec.deployment.spec.template.spec.containers.ports"));
        Assert.Equal(["name"], schema.ListMapKeys("spec.deployment.spec.template.spec.volumes"));
        Assert.Null(schema.ListMapKeys("spec.deployment.spec.template.spec.containers.args"));
        Assert.Null(schema.ListMapKeys("spec.deployment.spec.template.spec.nosuchfield"));
    }

    [LiqoCrdFact]
    public void WgGatewayServer_errors_deep_in_the_pod_template_carry_full_paths()
    {
        var bad = WgGatewayServer
            .Replace("- name: wireguard\n", "- name: gateway\n")
            .Replace("memory: 256Mi", "memory: lots")
            .Replace("replicas: 1", "replicas: one")
            .Replace("{name: metrics, containerPort: 8080}", "{name: metrics, containerPort: 8080, hostIP: 10.0.0.1, bogus: 1}");
        var r = Admit(crds.V120, "WgGatewayServer/v1beta1", bad);
        Assert.Equal(["spec.deployment.spec.template.spec.containers[0].ports[0].bogus"], r.Pruned);
        Assert.Equal(
            [
                "spec.deployment.spec.replicas: Invalid value: \"string\": spec.deployment.spec.replicas in body must be of type integer: \"string\"",
                "spec.deployment.spec.template.spec.containers[0].resources.limits.memory: Invalid value: \"lots\": spec.deployment.spec.template.spec.containers[0].resources.limits.memory in body should match '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$'",
                "spec.deployment.spec.template.spec.containers[1]: Duplicate value: map[string]interface {}{\"name\":\"gateway\"}",
            ],
            r.Errors);
    }

    [LiqoCrdFact]
    public void WgGatewayServer_requires_deployment_and_service()
    {
        var r = Admit(crds.V120, "WgGatewayServer/v1beta1", "{apiVersion: networking.liqo.io/v1beta1, kind: WgGatewayServer, metadata: {name: x}, spec: {metrics: {}}}");
        Assert.Equal(
            [
                "spec.metrics.enabled: Required value",
                "spec.deployment: Required value",
                "spec.service: Required value",
            ],
            r.Errors);
    }

    // ---------------------------------------------------------------- Offloading

    [LiqoCrdFact]
    public void VirtualNode_realistic_object_is_admitted()
    {
        var r = Admit(crds.V120, "VirtualNode/v1beta1", """
            apiVersion: offloading.liqo.io/v1beta1
            kind: VirtualNode
            metadata:
              name: cluster-b
              namespace: liqo-tenant-cluster-b
              labels: {liqo.io/remote-cluster-id: cluster-b, liqo.io/resourceslice-name: cluster-b}
            spec:
              clusterID: cluster-b
              createNode: true
              disableNetworkCheck: false
              kubeconfigSecretRef: {name: kubeconfig-resourceslice-cluster-b}
              resourceQuota:
                hard: {cpu: "2", memory: 4Gi, pods: "10"}
              labels: {liqo.io/remote-cluster-id: cluster-b}
              storageClasses:
              - {storageClassName: liqo, default: true}
              offloadingPatch:
                nodeSelector: {kubernetes.io/os: linux}
              notAField: 1
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(["spec.notAField"], r.Pruned);
    }

    [LiqoCrdFact]
    public void Quota_user_must_not_be_empty_and_enforcement_is_an_enum()
    {
        var r = Admit(crds.V120, "Quota/v1beta1", """
            apiVersion: offloading.liqo.io/v1beta1
            kind: Quota
            metadata: {name: cluster-a, namespace: liqo-tenant-cluster-a}
            spec:
              user: ""
              limitsEnforcement: Strict
              resources: {cpu: "2"}
            """);
        Assert.Equal(
            [
                "spec.limitsEnforcement: Unsupported value: \"Strict\": supported values: \"Hard\", \"Soft\", \"None\"",
                "spec.user: Invalid value: \"\": spec.user in body should be at least 1 chars long",
            ],
            r.Errors);
    }

    [LiqoCrdFact]
    public void NamespaceMap_and_Renew_are_admitted()
    {
        Assert.Empty(Admit(crds.V120, "NamespaceMap/v1beta1", """
            apiVersion: offloading.liqo.io/v1beta1
            kind: NamespaceMap
            metadata: {name: cluster-b, namespace: liqo-tenant-cluster-b}
            spec:
              desiredMapping: {default: default-cluster-a}
            """).Errors);
        Assert.Empty(Admit(crds.V120, "Renew/v1beta1", """
            apiVersion: authentication.liqo.io/v1beta1
            kind: Renew
            metadata: {name: cluster-b, namespace: liqo-tenant-cluster-b}
            spec:
              consumerClusterID: cluster-a
              identityType: ControlPlane
              csr: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K
            """).Errors);
    }
}
